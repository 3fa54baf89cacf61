// npm run sync -- CHANNEL... [--since YYYY-MM-DD] [--delay SECONDS] [--keep-sample] [--json]
// npm run sync -- --feed URL --channel NAME
// Reads each channel's public page (t.me/s/CHANNEL) back to what is stored, or a site's feed,
// and stores the new and edited posts in one transaction. A run that fails part way goes on
// where it stopped when started again.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isCalendarDate } from '@/lib/domain/filters';
import { telegramHandle, type SyncSource, type SyncSummary } from '@/lib/load/sync';
import { storeLines } from './ingest';
import { processIo, runIfEntry, type Io } from './io';

const USAGE = 'usage: npm run sync -- CHANNEL... [--since YYYY-MM-DD] [--delay SECONDS] [--keep-sample] [--json]\n       npm run sync -- --feed URL --channel NAME';

class UsageError extends Error {}

/** A channel as people write it (@MFARussia, t.me/MFARussia), or a UsageError. */
export function channelArg(raw: string): string {
  const h = telegramHandle(raw);
  if (!h) throw new UsageError(`"${raw}" is not a public Telegram channel name (5–32 letters, digits and _, e.g. MFARussia)`);
  return h;
}

function sources(positionals: string[], feed: string | undefined, channel: string | undefined): SyncSource[] {
  if (feed !== undefined) {
    if (positionals.length) throw new UsageError(`--feed reads one feed; give channels in another run. ${USAGE}`);
    let url: URL;
    try {
      url = new URL(feed);
    } catch {
      throw new UsageError(`--feed must be an http(s) address (got "${feed}")`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--feed must be an http(s) address (got "${feed}")`);
    if (!channel?.trim()) throw new UsageError('--feed needs --channel NAME: the name its posts are stored under');
    return [{ kind: 'feed', url: url.toString(), channel: channel.trim() }];
  }
  if (channel !== undefined) throw new UsageError('--channel names the channel of a --feed; a Telegram channel is named by itself');
  if (!positionals.length) throw new UsageError(`no channel given; ${USAGE}`);
  return [...new Set(positionals.map(channelArg))].map((c) => ({ kind: 'telegram', channel: c }));
}

export function summaryLines(s: SyncSummary): string[] {
  const why = { stored: 'reached what is stored', since: 'reached --since', start: "reached the channel's first post", 'max-pages': 'stopped at the page bound', feed: 'one feed' } as const;
  const posts = s.store.postsRead;
  return [
    ...s.sources.map((x) => `${x.source}: ${x.pages} ${x.pages === 1 ? 'page' : 'pages'}, ${x.posts} posts (${why[x.stop]}${x.resumed ? ', resumed' : ''})`),
    ...storeLines(s.store),
    `  ${s.requests} requests in ${s.seconds.toFixed(1)} s: ${s.seconds > 0 ? (posts / s.seconds).toFixed(1) : '—'} posts/s`,
  ];
}

async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      since: { type: 'string' },
      delay: { type: 'string' },
      feed: { type: 'string' },
      channel: { type: 'string' },
      'keep-sample': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const list = sources(positionals, values.feed, values.channel);
  if (values.since !== undefined && !isCalendarDate(values.since)) throw new UsageError(`--since must be a day written YYYY-MM-DD (got "${values.since}")`);
  let delayMs: number | undefined;
  if (values.delay !== undefined) {
    const d = Number(values.delay);
    if (!/^\d+(\.\d+)?$/.test(values.delay) || d > 60) throw new UsageError(`--delay must be seconds from 0 to 60 (got "${values.delay}")`);
    delayMs = d * 1000;
  }

  const [{ configFromEnv, describeConfig, migrateToLatest }, { syncSources }, { openDatabaseOrServer }] = await Promise.all([
    import('@/db'),
    import('@/lib/load/sync'),
    import('@/lib/load/socket-client'),
  ]);
  const config = configFromEnv(io.env);
  const note = (line: string) => io.stderr(`sync: ${line}\n`);
  const opened = await openDatabaseOrServer(config);
  let summary: SyncSummary;
  if ('server' in opened) {
    // The dashboard holds the embedded folder: it reads the pages and stores them itself.
    note('the dashboard is running on this data folder: syncing through it');
    summary = await opened.server.sync(list, { since: values.since, delayMs, replaceSample: !values['keep-sample'], onNote: note });
  } else {
    const { db } = opened;
    try {
      await migrateToLatest(db);
      summary = await syncSources(db, list, {
        since: values.since,
        delayMs,
        telegramBase: io.env.SIDELINES_TELEGRAM_URL?.trim() || undefined,
        stateDir: path.resolve(io.env.SIDELINES_DATA_DIR?.trim() || '.data'),
        store: { replaceSample: !values['keep-sample'] },
        onProgress: note,
        onWait: (ms, why) => note(`${why}; waiting ${(ms / 1000).toFixed(1)} s`),
      });
    } finally {
      await db.destroy();
    }
  }
  if (values.json) io.stdout(`${JSON.stringify(summary)}\n`);
  else io.stdout([`into ${describeConfig(config)}:`, ...summaryLines(summary), ''].join('\n'));
  if (summary.store.samplePostsRemoved > 0) {
    note(`the database held only the bundled sample: removed it (${summary.store.samplePostsRemoved} posts) so that your posts are not counted with it; --keep-sample keeps it`);
  }
  return 0;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    // A page that failed leaves what was read in its checkpoint: the same command goes on from there.
    const resumable = err instanceof Error && (err.name === 'FetchError' || err.name === 'InputError');
    io.stderr(`sync: ${message}${resumable ? '\nsync: nothing was stored; the pages read so far are kept, and the same command goes on from there' : ''}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}

runIfEntry(import.meta.url, main);
