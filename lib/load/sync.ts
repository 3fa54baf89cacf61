// Keeps channels in step with what they publish: a Telegram channel's public web preview
// (t.me/s/<channel>), read newest first and paged back (?before=<id>) until it reaches what is
// stored (or a day on a first run), or a site's RSS/Atom feed. Whatever a run reads is stored in
// one transaction; a post edited since it was stored is replaced and its events made again.
//
// A run that fails part way (the site answers 500, the connection drops) keeps the pages it read
// in a checkpoint file per source in the state folder, and the next run goes on from there
// instead of starting again; nothing is stored until a source has been read to its end.
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '@/db/types';
import { InputError } from '@/lib/ingest/input-error';
import { parsePreviewPage, type PreviewPage } from '@/lib/ingest/telegram-preview';
import type { RawPost } from '@/lib/ingest/types';
import { readFeedPosts } from './feed-source';
import { channelKey } from './channel';
import { politeFetcher, type PoliteFetcher, type PoliteOptions } from './polite-fetch';
import { storeBatches, type StoreOptions, type StoreSummary } from './store';

export type SyncSource = { kind: 'telegram'; channel: string } | { kind: 'feed'; url: string; channel: string };

export interface SyncOptions extends PoliteOptions {
  /** Where t.me is: a local server in tests. */
  telegramBase?: string;
  /** YYYY-MM-DD: on a first run, how far back to read (by default FIRST_RUN_DAYS days). */
  since?: string;
  /** Pages to read past the first one that reaches what is stored, for edits of recent posts. */
  overlap?: number;
  /** A bound on the pages of one source in one run. */
  maxPages?: number;
  /** Folder of the checkpoints; none are kept without it. */
  stateDir?: string;
  onProgress?: (line: string) => void;
  /** Options of the store's run (replaceSample, a read-write transaction, a worker's parser). */
  store?: Omit<StoreOptions, 'synced' | 'channel' | 'source'>;
  /** How long ago "now" is: tests. */
  now?: () => Date;
  /** Runs the store's transaction when the caller's other writes allow (a server's queue of runs). */
  inTurn?: <T>(f: () => Promise<T>) => Promise<T>;
}

export const FIRST_RUN_DAYS = 30;
const DEFAULT_MAX_PAGES = 2000;

export interface SourceSummary {
  source: string;
  channel: string;
  pages: number;
  posts: number;
  /** Resumed from a checkpoint of an earlier run. */
  resumed: boolean;
  /** Why reading stopped: what is stored was reached, the day asked for, the channel's first post, the page bound. */
  stop: 'stored' | 'since' | 'start' | 'max-pages' | 'feed';
}

export interface SyncSummary {
  sources: SourceSummary[];
  store: StoreSummary;
  requests: number;
  seconds: number;
}

interface Checkpoint {
  version: 1;
  source: string;
  before: number | null;
  pages: number;
  done: SourceSummary['stop'] | null;
  posts: (Omit<RawPost, 'postedAt'> & { postedAt: string | null })[];
}

// Telegram's public usernames: 5 to 32 letters, digits and underscores, starting with a letter.
const HANDLE = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;

/** "@MFARussia", "t.me/MFARussia", "https://t.me/s/MFARussia" are MFARussia; null for what is no channel name. */
export function telegramHandle(raw: string): string | null {
  const h = raw
    .trim()
    .replace(/^(?:https?:\/\/)?(?:www\.)?t\.me\/(?:s\/)?/i, '')
    .replace(/^@/, '')
    .replace(/[/?#].*$/, '');
  return HANDLE.test(h) ? h : null;
}

export function sourceName(s: SyncSource): string {
  return s.kind === 'telegram' ? `t.me/s/${s.channel}` : s.url;
}

function checkpointFile(stateDir: string, s: SyncSource): string {
  const name = sourceName(s).replace(/^https?:\/\//, '').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
  return path.join(stateDir, 'sync', `${name}.json`);
}

function readCheckpoint(file: string | null, source: string): Checkpoint | null {
  if (!file || !fs.existsSync(file)) return null;
  try {
    const c = JSON.parse(fs.readFileSync(file, 'utf8')) as Checkpoint;
    return c.version === 1 && c.source === source && Array.isArray(c.posts) ? c : null;
  } catch {
    // A checkpoint cut short by a crash is no checkpoint: the source is read again.
    return null;
  }
}

function writeCheckpoint(file: string | null, c: Checkpoint): void {
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written whole, then renamed: a crash leaves the old checkpoint or the new one, never half.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(c));
  fs.renameSync(tmp, file);
}

const revive = (p: Checkpoint['posts'][number]): RawPost => ({ ...p, postedAt: p.postedAt ? new Date(p.postedAt) : null });
const freeze = (p: RawPost): Checkpoint['posts'][number] => ({ ...p, postedAt: p.postedAt ? p.postedAt.toISOString() : null });

/** The highest message number stored for a channel, or null when it has none. */
export async function newestStoredId(db: Kysely<Database>, channel: string): Promise<number | null> {
  const row = await db
    .selectFrom('posts as p')
    .innerJoin('channels as c', 'c.id', 'p.channel_id')
    .where(sql<string>`lower(c.handle)`, '=', channelKey(channel))
    .where('p.external_id', '~', '^[0-9]{1,15}$')
    .select(sql<string | null>`max(p.external_id::bigint)`.as('newest'))
    .executeTakeFirst();
  return row?.newest == null ? null : Number(row.newest);
}

function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

/** A preview page, read again when it comes cut short (a dropped connection) until it is whole. */
async function readPage(http: PoliteFetcher, url: string, channel: string, opts: SyncOptions): Promise<PreviewPage> {
  const tries = (opts.retries ?? 4) + 1;
  for (let i = 1; ; i++) {
    const { body } = await http.text(url);
    try {
      return parsePreviewPage(body, { channel, url });
    } catch (err) {
      // Any other fault of the page (another channel's, no page at all) is not cured by asking again.
      if (!(err instanceof InputError) || !/cut short/.test(err.message) || i >= tries) throw err;
      opts.onProgress?.(`${url}: the page came cut short; reading it again`);
    }
  }
}

/** Reads one Telegram channel's preview pages back to what is stored; the posts, oldest first. */
async function readTelegram(
  db: Kysely<Database>,
  s: Extract<SyncSource, { kind: 'telegram' }>,
  http: PoliteFetcher,
  opts: SyncOptions,
  file: string | null,
): Promise<{ posts: RawPost[]; summary: SourceSummary }> {
  const name = sourceName(s);
  const base = (opts.telegramBase ?? 'https://t.me').replace(/\/+$/, '');
  const stored = await newestStoredId(db, s.channel);
  const now = opts.now?.() ?? new Date();
  // On a first run, the day to read back to; afterwards, what is stored decides.
  const since = stored === null ? (opts.since ?? daysBefore(now, FIRST_RUN_DAYS)) : opts.since;
  const cp = readCheckpoint(file, name);
  const byId = new Map<string, RawPost>((cp?.posts ?? []).map((p) => [p.externalId ?? '', revive(p)]));
  let before = cp?.before ?? null;
  let pages = cp?.pages ?? 0;
  let overlap = opts.overlap ?? 1;
  let stop: SourceSummary['stop'] | null = cp?.done ?? null;
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  if (cp) opts.onProgress?.(`${name}: going on from the ${pages} ${pages === 1 ? 'page' : 'pages'} an earlier run read (${byId.size} posts)`);
  while (!stop) {
    if (pages >= maxPages) {
      stop = 'max-pages';
      break;
    }
    const url = `${base}/s/${encodeURIComponent(s.channel)}${before !== null ? `?before=${before}` : ''}`;
    const page = await readPage(http, url, s.channel, opts);
    pages++;
    const fresh = page.posts.filter((p) => !since || !p.postedAt || p.postedAt.toISOString().slice(0, 10) >= since);
    for (const p of fresh) byId.set(p.externalId ?? '', { ...p, channel: s.channel });
    const oldest = page.oldestId;
    opts.onProgress?.(
      `${name}: page ${pages}, ${page.posts.length} posts${oldest !== null ? ` back to #${oldest}` : ''}${page.posts[0]?.postedAt ? ` (${page.posts[0].postedAt.toISOString().slice(0, 10)})` : ''}`,
    );
    if (oldest === null || page.posts.length === 0) stop = 'start';
    else if (before !== null && oldest >= before) stop = 'start';
    else if (since && fresh.length < page.posts.length) stop = 'since';
    else if (stored !== null && oldest <= stored && overlap-- <= 0) stop = 'stored';
    before = oldest;
    writeCheckpoint(file, { version: 1, source: name, before, pages, done: stop, posts: [...byId.values()].map(freeze) });
  }
  const posts = [...byId.values()].sort((a, b) => Number(a.externalId) - Number(b.externalId)).map((p, i) => ({ ...p, seq: i }));
  return { posts, summary: { source: name, channel: s.channel, pages, posts: posts.length, resumed: Boolean(cp), stop } };
}

/**
 * Reads every source, then stores what they hold in one transaction, each channel marked synced.
 * A source that fails keeps its checkpoint and fails the run: nothing is stored, and the same
 * command goes on where it stopped.
 */
export async function syncSources(db: Kysely<Database>, sources: SyncSource[], opts: SyncOptions = {}): Promise<SyncSummary> {
  const started = Date.now();
  const http = politeFetcher(opts);
  const read: { posts: RawPost[]; summary: SourceSummary; file: string | null }[] = [];
  for (const s of sources) {
    const file = opts.stateDir ? checkpointFile(opts.stateDir, s) : null;
    if (s.kind === 'telegram') read.push({ ...(await readTelegram(db, s, http, opts, file)), file });
    else {
      const posts = await readFeedPosts(http, s.url, s.channel);
      opts.onProgress?.(`${s.url}: ${posts.length} items`);
      read.push({ posts, summary: { source: s.url, channel: s.channel, pages: 1, posts: posts.length, resumed: false, stop: 'feed' }, file: null });
    }
  }
  opts.onProgress?.(`storing ${read.reduce((n, r) => n + r.posts.length, 0)} posts`);
  const turn = opts.inTurn ?? (<T>(f: () => Promise<T>) => f());
  const store = await turn(() =>
    storeBatches(
      db,
      read.map((r) => ({ posts: r.posts, source: r.summary.source })),
      { ...opts.store, synced: [...new Set(sources.map((s) => s.channel))] },
    ),
  );
  // Stored: the checkpoints have served.
  for (const r of read) if (r.file) fs.rmSync(r.file, { force: true });
  return { sources: read.map((r) => r.summary), store, requests: http.requests, seconds: (Date.now() - started) / 1000 };
}
