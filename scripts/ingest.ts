// npm run ingest -- FILE|FOLDER... [--format telegram|telegram-html|jsonl|text] [--channel NAME] [--year YYYY] [--keep-sample] [--dry-run] [--json]
// A FOLDER is a Telegram Desktop HTML export (ChatExport_YYYY-MM-DD/, its messages*.html read in order).
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { detectFormat, htmlExportOf, streamPostsFromFile } from '@/lib/ingest/read';
import { INPUT_FORMATS, type InputFormat, type RawPost } from '@/lib/ingest/types';
import { withChannel } from '@/lib/load/channel';
import type { StoreSummary } from '@/lib/load/store';
import { processIo, runIfEntry, type Io } from './io';

const USAGE =
  'usage: npm run ingest -- FILE|FOLDER... [--format telegram|telegram-html|jsonl|text] [--channel NAME] [--year YYYY] [--keep-sample] [--dry-run] [--json]';

async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      channel: { type: 'string' },
      year: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'keep-sample': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (!positionals.length) throw new UsageError(`no input file given; ${USAGE}`);
  if (values.format && !(INPUT_FORMATS as readonly string[]).includes(values.format)) {
    throw new UsageError(`--format must be one of ${INPUT_FORMATS.join(', ')} (got "${values.format}")`);
  }
  const format = values.format as InputFormat | undefined;
  let year: number | undefined;
  if (values.year !== undefined) {
    year = Number(values.year);
    if (!/^\d{4}$/.test(values.year) || year < 1990 || year > 2100) {
      throw new UsageError(`--year must be a year from 1990 to 2100 (got "${values.year}")`);
    }
  }

  const channel = values.channel;
  const files = await onePerExport(positionals, format);
  // Posts of each file in batches, their channel checked against --channel (see withChannel).
  async function* read(file: string): AsyncGenerator<RawPost[]> {
    const fileFormat = format ?? (channel !== undefined ? await sniffFormat(file) : undefined);
    // The reader puts --channel in place of the channel a Telegram export names, so an export
    // is read without it and the two compared; in the other formats it only fills the gaps.
    const given = fileFormat === 'telegram' || fileFormat === 'telegram-html' ? undefined : channel;
    for await (const batch of streamPostsFromFile(file, { format: fileFormat, channel: given })) yield withChannel(batch, channel, file);
  }

  if (values['dry-run']) {
    const [{ extract, toScorerJson }, { unparsedLine }] = await Promise.all([import('@/lib/ingest/extract'), import('@/lib/load/failures')]);
    const posts: RawPost[] = [];
    for (const file of files) for await (const batch of read(file)) posts.push(...batch);
    const result = extract(posts, { year, source: files.length === 1 ? path.basename(files[0]!) : undefined });
    if (values.json) {
      io.stdout(`${JSON.stringify(toScorerJson(result), null, 1)}\n`);
    } else {
      io.stdout(`${result.posts} posts, ${result.events.length} events (dry run: nothing written)\n`);
    }
    // On stderr, so that the JSON on stdout stays JSON; its "errors" lists every one of them.
    warnUnparsed(io, unparsedLine(result.errors.length, result.errors.map((e) => e.post), 'no events from them'));
    warnUndated(io, new Set(result.events.filter((e) => e.date === null).flatMap((e) => e.postKeys)).size, year);
    return 0;
  }

  // Files are read as streams into one transaction: a bad file anywhere stops the whole run
  // and nothing of it is written. A post without an id is known by its file's name and place.
  async function* batches() {
    for (const file of files) for await (const posts of read(file)) yield { posts, source: path.basename(file) };
  }
  // The first batch is read before the database, its driver and the parser are even loaded, so
  // that a wrong or broken file is reported at once, not after waiting for another run's lock.
  const input = batches();
  const first = await input.next();
  async function* all() {
    if (first.done) return;
    yield first.value;
    yield* input;
  }
  const [{ configFromEnv, describeConfig, migrateToLatest }, { storeBatches, vacuumAfter }, { progressReporter }, { startParseThread }, { unparsedLine }, { openDatabaseOrServer }] = await Promise.all([
    import('@/db'),
    import('@/lib/load/store'),
    import('@/lib/load/progress'),
    import('@/lib/load/parse-thread'),
    import('@/lib/load/failures'),
    import('@/lib/load/socket-client'),
  ]);
  const config = configFromEnv(io.env);
  const target = await openDatabaseOrServer(config);
  const storeOptions = { channel, year, replaceSample: !values['keep-sample'], onProgress: io.progress ? progressReporter(io.progress) : undefined };
  let summary: StoreSummary;
  if ('server' in target) {
    // The dashboard holds the embedded folder: it stores the run, read here, in its database.
    io.stderr('ingest: the dashboard is running on this data folder: storing through it\n');
    summary = await target.server.store(all(), storeOptions);
  } else {
    const { db } = target;
    // Posts are parsed in a thread of their own while this one writes to the database.
    const parser = startParseThread();
    try {
      await migrateToLatest(db);
      summary = await storeBatches(db, all(), { ...storeOptions, prepare: parser.prepare });
      await vacuumAfter(db, summary);
    } finally {
      await parser.close();
      await db.destroy();
    }
  }
  if (values.json) {
    io.stdout(`${JSON.stringify(summary)}\n`);
  } else {
    io.stdout(
      [`into ${describeConfig(config)}:`, ...storeLines(summary), ''].join('\n'),
    );
  }
  if (summary.samplePostsRemoved > 0) {
    io.stderr(
      `ingest: the database held only the bundled sample: removed it (${summary.samplePostsRemoved} posts, ${summary.sampleEventsRemoved} events) so that your posts are not counted with it; --keep-sample keeps it\n`,
    );
  }
  warnUnparsed(io, unparsedLine(summary.postsFailed, summary.failures.map((f) => f.post)));
  warnUndated(io, summary.postsUndated, year);
  return 0;
}

/** What a run stored, a line each, as ingest and sync print it. */
export function storeLines(summary: StoreSummary): string[] {
  return [
    `  posts read        ${summary.postsRead}`,
    `  new               ${summary.postsNew}`,
    `  already stored    ${summary.postsExisting}`,
    `  replaced          ${summary.postsEdited}`,
    `  events created    ${summary.eventsCreated}`,
    `  reports merged    ${summary.eventsMerged}`,
    `  events removed    ${summary.eventsRetired}`,
    `  posts, no event   ${summary.postsNoEvent}`,
    `  posts, no date    ${summary.postsUndated}`,
    `  posts failed      ${summary.postsFailed}`,
  ];
}

class UsageError extends Error {}

/** The run succeeded, but posts the parser failed on are named, not only counted. */
function warnUnparsed(io: Io, line: string | null): void {
  if (line) io.stderr(`ingest: ${line}\n`);
}

/** Undated events are kept apart from every other, so a missing date is said, with its remedy. */
function warnUndated(io: Io, count: number, year: number | undefined): void {
  if (count === 0) return;
  const posts = `${count} ${count === 1 ? 'post has' : 'posts have'} no date`;
  io.stderr(
    year === undefined
      ? `ingest: ${posts} (plain text has no publication day, and no year was found in the file): their events are undated and merge with no other; give the year with --year YYYY\n`
      : `ingest: ${posts} (none is written in the text): their events are undated and merge with no other\n`,
  );
}

/**
 * The inputs, each Telegram Desktop HTML export once: its folder and its pages
 * (ChatExport/messages*.html) all read the whole export, so the first of them stands for it.
 */
async function onePerExport(inputs: string[], format: InputFormat | undefined): Promise<string[]> {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const input of inputs) {
    const html = await htmlExportOf(input, format);
    const key = html ? path.resolve(html.folder) : null;
    if (key !== null && seen.has(key)) continue;
    if (key !== null) seen.add(key);
    out.push(input);
  }
  return out;
}

/** The format of a file as the reader will tell it, from its first line; undefined if unreadable. */
async function sniffFormat(file: string): Promise<InputFormat | undefined> {
  // Standard input and named pipes can be read only once; the reader tells their format itself.
  if (file === '-') return undefined;
  const info = await stat(file).catch(() => null);
  // A folder is read as an HTML export, or refused.
  if (info?.isDirectory()) return 'telegram-html';
  if (!info?.isFile()) return undefined;
  const LIMIT = 4 << 20;
  let fh;
  try {
    fh = await open(file, 'r');
  } catch {
    // The reader says what is wrong with the file, in its own words.
    return undefined;
  }
  try {
    const parts: Buffer[] = [];
    let pos = 0;
    while (pos < LIMIT) {
      const buf = Buffer.alloc(65_536);
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      parts.push(buf.subarray(0, bytesRead));
      pos += bytesRead;
      if (buf.subarray(0, bytesRead).includes(10)) break;
    }
    const head = new TextDecoder('utf-8').decode(Buffer.concat(parts)).replace(/^\uFEFF/, '');
    return head.trim() ? detectFormat(head) : undefined;
  } catch {
    return undefined;
  } finally {
    await fh.close();
  }
}

/** The program: its exit code, with every failure said in one line on stderr. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (err) {
    // A full disk says so, not what PostgreSQL died of; loaded here, as the database is, only when needed.
    const diskFull = await import('@/db/errors').then((m) => m.diskFullLine(err), () => null);
    const message = diskFull ?? (err instanceof Error ? err.message : String(err));
    io.stderr(`ingest: ${message.split('\n')[0]}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}

runIfEntry(import.meta.url, main);
