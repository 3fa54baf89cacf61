// Writes parsed posts and their events in one transaction. A post is known by its channel and id
// (a post without an id by its channel, file and place in the file), never by its text: a new
// post is stored, a post stored before with the same text is left as it is, and a post stored
// before with another text (edited) gets the new text and its events derived again. Events merge
// among themselves and with the events already stored; event ids stay with their events.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, ParseStatus } from '@/db/types';
import { bumpDataVersion } from '@/db/queries/version';
import { monthOf, refreshRollup } from '@/db/rollup-refresh';
import { postKey, type ParseFailure } from '@/lib/ingest/extract';
import { mergeAll, mergeEvent, sameEvent } from '@/lib/ingest/merge';
import { canonicalChannel, channelKey, DEFAULT_CHANNEL, SAMPLE_CHANNEL, withChannel } from './channel';
import { FAILURES_NAMED } from './failures';
import { prepareOne, withInferredYear, type PrepareOptions, type Prepared } from './prepare';
import { assignIds, counterpartsOf, type Vacancy } from './event-ids';
import { takeWriteLock } from './write-lock';
import type { Evidence, ParsedEvent, ParseOptions, RawPost } from '@/lib/ingest/types';

export { contentHash } from './prepare';

export interface StoreOptions extends ParseOptions {
  /** Channel of posts that name none; an error where a post names another (see withChannel). */
  channel?: string;
  /**
   * What posts without ids are known by, with their place in it: the file's base name. A batch
   * may name its own (PostBatch).
   */
  source?: string;
  onProgress?: (phase: string, done: number, total: number) => void;
  /**
   * When the database holds the bundled sample and nothing else, and this run brings posts of
   * another channel: remove the sample in this run's transaction, so one's own posts are never
   * counted with it. The ingest command sets it unless --keep-sample is given.
   */
  replaceSample?: boolean;
  /** Prepares a batch elsewhere (a worker thread); by default it is done in this thread. */
  prepare?: (posts: RawPost[], opts: PrepareOptions) => Promise<Prepared[]>;
  /**
   * Channels this run read from their public page (a sync): marked synced now, whether or not
   * the page had anything new. Every channel with a post in the run is marked ingested.
   */
  synced?: string[];
  /**
   * Makes the run's transaction read-write, as its first statement: for a session whose
   * transactions are read-only by default (the web server's, which stores a run handed to it).
   */
  readWrite?: boolean;
}

/** Posts of one source (a file), in its order. */
export interface PostBatch {
  posts: RawPost[];
  /** See StoreOptions.source. */
  source?: string;
}

export interface StoreSummary {
  postsRead: number;
  postsNew: number;
  /** Posts stored before with the same text: left as they are. */
  postsExisting: number;
  /**
   * Posts stored before under the same id (or file and place) with another text, or read now in
   * another year: the row replaced, the events derived again.
   */
  postsEdited: number;
  eventsCreated: number;
  /** Event reports (one per post and event) that joined an event already stored or made in this run. */
  eventsMerged: number;
  /** Events made again (a reparse, an edited post) under the id they had before. */
  eventsKept: number;
  /** Events that no longer exist after the run: their ids answer 410 (retired_events). */
  eventsRetired: number;
  postsNoEvent: number;
  /** Posts the parser failed on: stored with parse_status 'error' and the message, without events. */
  postsFailed: number;
  /** Posts stored or replaced whose events have no date: plain text without a year (--year). */
  postsUndated: number;
  /** The bundled sample's posts and events removed in this run (replaceSample). */
  samplePostsRemoved: number;
  sampleEventsRemoved: number;
  /** The first few of them (FAILURES_NAMED), in the order read; the posts table has them all. */
  failures: ParseFailure[];
}

const CHUNK = 1000;
const PARSE_SLICE = 50;
const ANALYZE_AFTER = 5_000;

/** Parses in the calling thread, in slices that let the event loop handle database answers. */
async function prepareHere(posts: RawPost[], opts: PrepareOptions): Promise<Prepared[]> {
  const prepared: Prepared[] = [];
  for (let i = 0; i < posts.length; i += PARSE_SLICE) {
    for (const p of posts.slice(i, i + PARSE_SLICE)) prepared.push(prepareOne(p, opts));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return withInferredYear(posts, prepared, opts);
}

export async function storePosts(db: Kysely<Database>, posts: RawPost[], opts: StoreOptions = {}): Promise<StoreSummary> {
  return storeBatches(db, [posts], opts);
}

const EMPTY_SUMMARY: StoreSummary = {
  postsRead: 0,
  postsNew: 0,
  postsExisting: 0,
  postsEdited: 0,
  eventsCreated: 0,
  eventsMerged: 0,
  eventsKept: 0,
  eventsRetired: 0,
  postsNoEvent: 0,
  postsFailed: 0,
  postsUndated: 0,
  samplePostsRemoved: 0,
  sampleEventsRemoved: 0,
  failures: [],
};

const COUNTS = (Object.keys(EMPTY_SUMMARY) as (keyof StoreSummary)[]).filter((k): k is Exclude<keyof StoreSummary, 'failures'> => k !== 'failures');

function addSummaries(a: StoreSummary, b: StoreSummary): StoreSummary {
  const out = { ...a };
  for (const k of COUNTS) out[k] = a[k] + b[k];
  // Only a few are kept, so that a parser broken on every post of a large file costs no memory.
  out.failures = [...a.failures, ...b.failures].slice(0, FAILURES_NAMED);
  return out;
}

/** An error is a message that is there (prepareOne never leaves it empty), not a truthy one. */
function statusOf(p: Prepared): ParseStatus {
  return p.error !== null ? 'error' : p.events.length ? 'ok' : 'no_event';
}

/** The failed posts among these, the first few, named as the dry run names them. */
function failuresOf(posts: Changed[]): ParseFailure[] {
  const out: ParseFailure[] = [];
  for (const p of posts) {
    if (out.length === FAILURES_NAMED) break;
    // A post without an id is named by its file (or channel) and place ("posts.txt#12").
    if (p.error !== null) out.push({ post: postKey({ ...p.raw, channel: p.channel }, p.source || p.channel), message: p.error });
  }
  return out;
}

/** A post's id; an empty one is none. */
function idOf(p: Prepared): string | null {
  return p.raw.externalId === null || p.raw.externalId === '' ? null : p.raw.externalId;
}

/** Posts stored or replaced in a run, with their row, their file and the group it makes. */
type Changed = Prepared & { id: number; source: string; group: string };

/**
 * Stores posts that arrive in batches (a large file read as a stream) in ONE transaction: a bad
 * batch, or any failure, leaves the database as it was. Events merge across batches through the
 * rows earlier batches wrote.
 */
export async function storeBatches(
  db: Kysely<Database>,
  batches: Iterable<RawPost[] | PostBatch> | AsyncIterable<RawPost[] | PostBatch>,
  opts: StoreOptions = {},
): Promise<StoreSummary> {
  return db.transaction().execute(async (trx) => {
    if (opts.readWrite) await sql`set transaction read write`.execute(trx);
    await takeWriteLock(trx);
    let total = { ...EMPTY_SUMMARY };
    const touched = new Set<string>();
    let nextAnalyze = ANALYZE_AFTER;
    // While one batch is written, the next is read and parsed.
    const parseOpts: PrepareOptions = { channel: opts.channel, year: opts.year };
    const it = Symbol.asyncIterator in batches ? batches[Symbol.asyncIterator]() : toAsync(batches[Symbol.iterator]());
    const parseNext = async (): Promise<{ posts: RawPost[]; source: string; prepared: Prepared[] } | null> => {
      const r = await it.next();
      if (r.done) return null;
      const batch: PostBatch = Array.isArray(r.value) ? { posts: r.value } : r.value;
      const posts = withChannel(batch.posts, opts.channel);
      return { posts, source: batch.source ?? opts.source ?? '', prepared: await (opts.prepare ?? prepareHere)(posts, parseOpts) };
    };
    let next = parseNext();
    let first = true;
    const channelsRead = new Set<string>(opts.synced ?? []);
    for (;;) {
      const batch = await next;
      if (!batch) break;
      next = parseNext();
      // A failure of the write must not leave the parse of the next batch unobserved; nothing
      // may be awaited before this line.
      next.catch(() => {});
      if (first && opts.replaceSample && batch.prepared.some((p) => p.channel !== SAMPLE_CHANNEL)) {
        const removed = await removeSampleIfAlone(trx);
        for (const m of removed.months) touched.add(m);
        total = { ...total, samplePostsRemoved: removed.posts, sampleEventsRemoved: removed.events };
      }
      first = false;
      for (const p of batch.prepared) channelsRead.add(p.channel);
      const { summary: s, months } = await storeBatch(trx, batch.posts, batch.prepared, batch.source);
      // Statistics as the tables grow: without them the planner keeps the plans it made for
      // empty tables (PGlite has no autovacuum), and the lookups of later batches slow down.
      if (total.postsNew < nextAnalyze && total.postsNew + s.postsNew >= nextAnalyze) {
        await sql`analyze posts, events, event_posts, event_countries, event_organizations, event_people, event_topics`.execute(trx);
        nextAnalyze *= 4;
      }
      for (const m of months) touched.add(m);
      total = addSummaries(total, s);
      opts.onProgress?.('posts stored', total.postsRead, 0);
    }
    await refreshRollup(trx, [...touched]);
    // When a channel was last read is not data the version keeps (a run that finds nothing new
    // changes nothing cached); the dashboard reads it afresh (db/queries/posts.ts channelTimes).
    await markChannelsRead(trx, [...channelsRead], opts.synced ?? []);
    if (total.postsNew > 0 || total.postsEdited > 0 || total.samplePostsRemoved > 0) await bumpDataVersion(trx);
    // A large run changes the tables' shape; fresh statistics keep the dashboard's plans right
    // without waiting for autovacuum.
    if (total.postsNew >= ANALYZE_AFTER) await sql`analyze posts, events, event_posts, event_countries, event_organizations, event_topics, rollup_monthly`.execute(trx);
    return total;
  });
}

/**
 * After a run that stored many posts, marks the pages of the tables the dashboard reads as all
 * visible, so that its index-only scans read no table pages (PGlite has no autovacuum to do it,
 * and on a server it would come minutes later). Outside any transaction, after the commit.
 */
export async function vacuumAfter(db: Kysely<Database>, summary: StoreSummary): Promise<void> {
  if (summary.postsNew < ANALYZE_AFTER) return;
  await sql`vacuum events, event_posts, event_countries, event_organizations, event_people, event_topics, rollup_monthly`.execute(db);
}

/**
 * Removes the bundled sample (its channel, posts and the events they report) when it is all the
 * database holds; does nothing otherwise. The months its events were in are counted again.
 */
async function removeSampleIfAlone(trx: Transaction<Database>): Promise<{ posts: number; events: number; months: string[] }> {
  const channels = await trx.selectFrom('channels').select(['id', 'handle']).execute();
  const sample = channels[0];
  if (channels.length !== 1 || !sample || sample.handle !== SAMPLE_CHANNEL) return { posts: 0, events: 0, months: [] };
  const events = await trx
    .selectFrom('events')
    .select(['id', 'date'])
    .where('id', 'in', (eb) => eb.selectFrom('event_posts').innerJoin('posts', 'posts.id', 'event_posts.post_id').select('event_posts.event_id').where('posts.channel_id', '=', sample.id))
    .execute();
  const posts = await trx.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).where('channel_id', '=', sample.id).executeTakeFirstOrThrow();
  if (events.length) await trx.deleteFrom('events').where('id', 'in', events.map((e) => e.id)).execute();
  // Its posts and their links go with the channel.
  await trx.deleteFrom('channels').where('id', '=', sample.id).execute();
  return { posts: Number(posts.n), events: events.length, months: [...new Set(events.map((e) => monthOf(e.date)))] };
}

function toAsync<T>(it: Iterator<T>): AsyncIterator<T> {
  return { next: async () => it.next() };
}

interface StoredPost {
  id: number;
  hash: string;
  /** The year its undated text was read in. */
  year: number | null;
}

/**
 * Whether a stored post is to be replaced by this version: its text changed, or it has no
 * timestamp and this run reads it in another year (--year given, or found in the file), so that
 * the remedy the ingest names for undated posts works on posts already stored.
 */
function replaces(p: Prepared, s: StoredPost): boolean {
  if (s.hash !== p.hash) return true;
  return p.raw.postedAt === null && p.year !== undefined && s.year !== p.year;
}

async function storeBatch(
  trx: Transaction<Database>,
  posts: RawPost[],
  prepared: Prepared[],
  source: string,
): Promise<{ summary: StoreSummary; months: Set<string> }> {
  const channelIds = await channelRows(trx, [...new Set(prepared.map((p) => p.channel))]);
  const channelOf = (p: Prepared) => channelIds.get(p.channel)!;
  const keyOf = (p: Prepared) => {
    const id = idOf(p);
    return id !== null ? `${channelOf(p)}\u0000id\u0000${id}` : `${channelOf(p)}\u0000at\u0000${p.raw.seq}`;
  };
  // One version per post: where a batch holds a post twice, the later one is its later version.
  const byKey = new Map<string, Prepared>();
  for (const p of prepared) {
    byKey.delete(keyOf(p));
    byKey.set(keyOf(p), p);
  }
  const unique = [...byKey.values()];
  const stored = await findPosts(trx, unique, channelOf, source, keyOf);

  const months = new Set<string>();
  const fresh: Prepared[] = [];
  const edited: { prepared: Prepared; id: number }[] = [];
  for (const p of unique) {
    const s = stored.get(keyOf(p));
    if (!s) fresh.push(p);
    else if (replaces(p, s)) edited.push({ prepared: p, id: s.id });
  }

  const changed = new Map<Prepared, Changed>();
  const group = (p: Prepared) => `${p.channel}\u0000${source}`;
  for (let i = 0; i < fresh.length; i += CHUNK) {
    const chunk = fresh.slice(i, i + CHUNK);
    const rows = await trx
      .insertInto('posts')
      .values(chunk.map((p) => ({ channel_id: channelOf(p), external_id: idOf(p), source_file: source, seq: p.raw.seq, content_hash: p.hash, ...postColumns(p) })))
      // Nothing else writes posts while the ingest lock is held; a row that is there all the
      // same is counted as stored, not failed on.
      .onConflict((oc) => oc.doNothing())
      .returning(['id', 'channel_id', 'external_id', 'seq'])
      .execute();
    const ids = new Map(rows.map((r) => [r.external_id !== null ? `${r.channel_id}\u0000id\u0000${r.external_id}` : `${r.channel_id}\u0000at\u0000${r.seq}`, r.id]));
    for (const p of chunk) {
      const id = ids.get(keyOf(p));
      if (id !== undefined) changed.set(p, { ...p, id, source, group: group(p) });
    }
  }
  const postsNew = changed.size;

  let vacancies: Vacancy[] = [];
  if (edited.length) {
    const writes = new Writes();
    for (const { prepared: p, id } of edited) {
      writes.add(trx.updateTable('posts').set({ content_hash: p.hash, source_file: source, seq: p.raw.seq, ...postColumns(p) }).where('id', '=', id).execute());
      changed.set(p, { ...p, id, source, group: group(p) });
    }
    await writes.settled();
    const undone = await undoEvents(trx, edited.map((e) => e.id));
    vacancies = undone.vacancies;
    for (const m of undone.months) months.add(m);
  }

  // In the order read, so that an undated post is placed by the posts around it (mergeAll).
  const written = unique.flatMap((p) => changed.get(p) ?? []);
  const w = await writeEvents(trx, written, vacancies);
  for (const m of w.months) months.add(m);
  const summary: StoreSummary = {
    postsRead: posts.length,
    postsNew,
    postsExisting: posts.length - postsNew - edited.length,
    postsEdited: edited.length,
    eventsCreated: w.eventsCreated,
    eventsMerged: w.eventsMerged,
    eventsKept: w.eventsKept,
    eventsRetired: w.eventsRetired,
    postsNoEvent: written.filter((p) => statusOf(p) === 'no_event').length,
    postsFailed: written.filter((p) => statusOf(p) === 'error').length,
    postsUndated: written.filter((p) => p.events.some((e) => e.date === null)).length,
    samplePostsRemoved: 0,
    sampleEventsRemoved: 0,
    failures: failuresOf(written),
  };
  return { summary, months };
}

/** What a post row holds of a prepared post besides its key. */
function postColumns(p: Prepared) {
  return {
    posted_at: p.raw.postedAt,
    lang: p.lang,
    text: p.raw.text,
    hashtags: p.hashtags,
    url: p.raw.url,
    year_hint: p.raw.postedAt ? null : (p.year ?? null),
    parse_status: statusOf(p),
    parse_error: p.error,
  };
}

/** A post's key within its channel: its id, or its place in its file. */
function placeOf(p: Prepared): string {
  const id = idOf(p);
  return id !== null ? `id\u0000${id}` : `at\u0000${p.raw.seq}`;
}

/** The stored rows of one channel with these ids, or at these places of this file, by place. */
async function rowsOf(trx: Transaction<Database>, channelId: number, posts: Prepared[], source: string): Promise<Map<string, StoredPost>> {
  const out = new Map<string, StoredPost>();
  const ids = posts.flatMap((p) => idOf(p) ?? []);
  const seqs = posts.filter((p) => idOf(p) === null).map((p) => p.raw.seq);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await trx
      .selectFrom('posts')
      .select(['id', 'external_id', 'content_hash', 'year_hint'])
      .where('channel_id', '=', channelId)
      .where('external_id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.set(`id\u0000${r.external_id}`, { id: r.id, hash: r.content_hash, year: r.year_hint });
  }
  for (let i = 0; i < seqs.length; i += CHUNK) {
    const rows = await trx
      .selectFrom('posts')
      .select(['id', 'seq', 'content_hash', 'year_hint'])
      .where('channel_id', '=', channelId)
      .where('external_id', 'is', null)
      .where('source_file', '=', source)
      .where('seq', 'in', seqs.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.set(`at\u0000${r.seq}`, { id: r.id, hash: r.content_hash, year: r.year_hint });
  }
  return out;
}

/**
 * The stored rows of these posts, by key: by channel and id, or by channel, file and place.
 * A file read once without --channel (its posts stored under DEFAULT_CHANNEL) and once with it
 * is one set of posts: a post of no channel is the same post, same text, stored under a channel,
 * and a channel named later takes over its posts stored under none. A post without an id stored
 * before posts had a file name is found by its text, as it was then, and given this file's name
 * and place, so that it is not stored again.
 */
async function findPosts(
  trx: Transaction<Database>,
  posts: Prepared[],
  channelOf: (p: Prepared) => number,
  source: string,
  keyOf: (p: Prepared) => string,
): Promise<Map<string, StoredPost>> {
  const out = new Map<string, StoredPost>();
  const byChannel = new Map<number, Prepared[]>();
  for (const p of posts) byChannel.set(channelOf(p), [...(byChannel.get(channelOf(p)) ?? []), p]);
  for (const [channelId, ps] of byChannel) for (const [place, row] of await rowsOf(trx, channelId, ps, source)) out.set(`${channelId}\u0000${place}`, row);

  const missing = posts.filter((p) => !out.has(keyOf(p)));
  if (missing.length) {
    const channels = (await trx.selectFrom('channels').select(['id', 'handle']).orderBy('id').execute()).map((c) => ({ id: c.id, none: channelKey(c.handle) === channelKey(DEFAULT_CHANNEL) }));
    const none = new Set(channels.filter((c) => c.none).map((c) => c.id));
    const sameText = async (ps: Prepared[], where: number[], take: (p: Prepared, row: StoredPost) => void) => {
      if (!ps.length) return;
      const used = new Set<number>();
      for (const c of where) {
        const rows = await rowsOf(trx, c, ps, source);
        for (const p of ps) {
          const row = rows.get(placeOf(p));
          if (!row || row.hash !== p.hash || used.has(row.id) || out.has(keyOf(p))) continue;
          used.add(row.id);
          take(p, row);
        }
      }
    };
    await sameText(
      missing.filter((p) => none.has(channelOf(p))),
      channels.filter((c) => !c.none).map((c) => c.id),
      (p, row) => out.set(keyOf(p), row),
    );
    const claimed: { id: number; channel: number }[] = [];
    await sameText(
      missing.filter((p) => !none.has(channelOf(p))),
      [...none],
      (p, row) => {
        claimed.push({ id: row.id, channel: channelOf(p) });
        out.set(keyOf(p), row);
      },
    );
    // The posts' channel shows on the event pages: answers cached before are stale.
    if (claimed.length) await bumpDataVersion(trx);
    for (let i = 0; i < claimed.length; i += CHUNK) {
      const chunk = claimed.slice(i, i + CHUNK);
      await sql`
        update posts p set channel_id = u.channel
        from unnest(${chunk.map((c) => c.id)}::int[], ${chunk.map((c) => c.channel)}::int[]) as u(id, channel)
        where p.id = u.id`.execute(trx);
    }
  }

  const unnamed = posts.filter((p) => idOf(p) === null && !out.has(keyOf(p)));
  if (!unnamed.length) return out;
  const older = new Map<string, { id: number; year: number | null }[]>();
  for (let i = 0; i < unnamed.length; i += CHUNK) {
    const chunk = unnamed.slice(i, i + CHUNK);
    const rows = await trx
      .selectFrom('posts')
      .select(['id', 'channel_id', 'content_hash', 'year_hint'])
      .where('external_id', 'is', null)
      .where('source_file', 'is', null)
      .where('channel_id', 'in', [...new Set(chunk.map(channelOf))])
      .where('content_hash', 'in', [...new Set(chunk.map((p) => p.hash))])
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const key = `${r.channel_id}\u0000${r.content_hash}`;
      older.set(key, [...(older.get(key) ?? []), { id: r.id, year: r.year_hint }]);
    }
  }
  const adopt: { id: number; seq: number }[] = [];
  for (const p of unnamed) {
    // Each older row is one post: the same text twice in the file is a second post.
    const row = older.get(`${channelOf(p)}\u0000${p.hash}`)?.shift();
    if (row === undefined) continue;
    adopt.push({ id: row.id, seq: p.raw.seq });
    out.set(keyOf(p), { id: row.id, hash: p.hash, year: row.year });
  }
  for (let i = 0; i < adopt.length; i += CHUNK) {
    const chunk = adopt.slice(i, i + CHUNK);
    await sql`
      update posts p set source_file = ${source}, seq = u.seq
      from unnest(${chunk.map((a) => a.id)}::int[], ${chunk.map((a) => a.seq)}::int[]) as u(id, seq)
      where p.id = u.id`.execute(trx);
  }
  return out;
}

/**
 * Takes edited posts out of their events, in the run's transaction: their links go, an event
 * left with no post is removed (a vacancy: the post's new events may take its id), and an event
 * that other posts still report is made again from their reports alone, as the store makes it.
 */
async function undoEvents(trx: Transaction<Database>, postIds: number[]): Promise<{ vacancies: Vacancy[]; months: Set<string> }> {
  const months = new Set<string>();
  const links: { event_id: number; post_id: number }[] = [];
  for (let i = 0; i < postIds.length; i += CHUNK) {
    const chunk = postIds.slice(i, i + CHUNK);
    links.push(...(await trx.selectFrom('event_posts').select(['event_id', 'post_id']).where('post_id', 'in', chunk).execute()));
    await trx.deleteFrom('event_posts').where('post_id', 'in', chunk).execute();
  }
  const eventIds = [...new Set(links.map((l) => l.event_id))];
  if (!eventIds.length) return { vacancies: [], months };
  const events = await loadEvents(trx, eventIds);
  const remaining = new Map<number, number[]>();
  for (let i = 0; i < eventIds.length; i += CHUNK) {
    const rows = await trx.selectFrom('event_posts').select(['event_id', 'post_id']).where('event_id', 'in', eventIds.slice(i, i + CHUNK)).execute();
    for (const r of rows) remaining.set(r.event_id, [...(remaining.get(r.event_id) ?? []), r.post_id]);
  }

  const undone = new Map<number, number[]>();
  for (const l of links) undone.set(l.event_id, [...(undone.get(l.event_id) ?? []), l.post_id]);
  const vacancies: Vacancy[] = [];
  const rebuild: { stored: LoadedEvent; postIds: number[] }[] = [];
  for (const e of events) {
    months.add(monthOf(e.event.date));
    const others = remaining.get(e.id);
    if (others?.length) rebuild.push({ stored: e, postIds: others });
    else vacancies.push(vacancyOf(e, undone.get(e.id) ?? []));
  }
  const gone = vacancies.map((v) => v.id);
  for (let i = 0; i < gone.length; i += CHUNK) await trx.deleteFrom('events').where('id', 'in', gone.slice(i, i + CHUNK)).execute();

  if (rebuild.length) {
    const reports = await reportsOf(trx, [...new Set(rebuild.flatMap((r) => r.postIds))]);
    const writes = new Writes();
    const rebuilt: StoredEvent[] = [];
    for (const { stored, postIds: ids } of rebuild) {
      const mine = new Set(ids);
      // The reports of the other posts that make this event, in the order they were published.
      const parts = reports.filter((r) => mine.has(r.postId)).flatMap((r) => r.events.filter((ev) => sameEvent(ev, stored.event)));
      // A parser changed since they were stored may no longer find the event in them; it stays
      // as it is until a reparse.
      const [first, ...rest] = parts;
      if (!first) continue;
      const event = rest.reduce((a, b) => mergeEvent(a, b), first);
      months.add(monthOf(event.date));
      rebuilt.push({ id: stored.id, event });
      writes.add(trx.updateTable('events').set({ ...eventColumns(event), updated_at: new Date() }).where('id', '=', stored.id).execute());
    }
    deleteChildren(trx, rebuilt.map((r) => r.id), writes);
    insertChildren(trx, rebuilt, writes);
    await writes.settled();
  }
  return { vacancies, months };
}

/** The parsed events of stored posts, in the order they were published. */
async function reportsOf(trx: Transaction<Database>, postIds: number[]): Promise<{ postId: number; events: ParsedEvent[] }[]> {
  const out: { postId: number; postedAt: number; events: ParsedEvent[] }[] = [];
  for (let i = 0; i < postIds.length; i += CHUNK) {
    const rows = await trx
      .selectFrom('posts')
      .innerJoin('channels', 'channels.id', 'posts.channel_id')
      .select(['posts.id', 'posts.external_id', 'posts.posted_at', 'posts.lang', 'posts.text', 'posts.url', 'posts.seq', 'posts.year_hint', 'channels.handle'])
      .where('posts.id', 'in', postIds.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.push({ postId: r.id, postedAt: r.posted_at?.getTime() ?? Infinity, events: prepareOne(rawOf(r), { channel: r.handle, year: r.year_hint ?? undefined }).events });
  }
  return out.sort((a, b) => a.postedAt - b.postedAt || a.postId - b.postId);
}

interface PostRow {
  external_id: string | null;
  posted_at: Date | null;
  lang: string;
  text: string;
  url: string | null;
  seq: number;
  handle: string;
}

function rawOf(r: PostRow): RawPost {
  return {
    channel: r.handle,
    externalId: r.external_id,
    postedAt: r.posted_at,
    lang: r.lang === 'ru' || r.lang === 'en' ? r.lang : null,
    text: r.text,
    url: r.url,
    seq: r.seq,
  };
}

/**
 * Re-applies the parser and taxonomy to every stored post: events are rebuilt from scratch, in
 * one transaction, from the posts in the order they were published. Every new event that shares
 * posts with an old one takes the old one's id (event-ids.ts), so that permalinks survive; the
 * old events that no new one took are retired. Channels stored under two spellings of one name
 * (before channels were compared by their canonical name) are folded into one first.
 */
export async function reparseAll(db: Kysely<Database>, opts: StoreOptions = {}): Promise<StoreSummary> {
  return db.transaction().execute(async (trx) => {
    if (opts.readWrite) await sql`set transaction read write`.execute(trx);
    await takeWriteLock(trx);
    await foldChannels(trx);
    const rows = await trx
      .selectFrom('posts')
      .innerJoin('channels', 'channels.id', 'posts.channel_id')
      .select(['posts.id', 'posts.external_id', 'posts.posted_at', 'posts.lang', 'posts.text', 'posts.url', 'posts.seq', 'posts.year_hint', 'posts.source_file', 'channels.handle'])
      .orderBy('posts.posted_at', 'asc')
      // Posts without a timestamp in the order of their files, so that mergeAll places an
      // undated one by its neighbours as the ingest did; posts stored before files were named,
      // in the order they were stored.
      .orderBy(sql`case when posts.posted_at is null then posts.channel_id end`)
      .orderBy(sql`case when posts.posted_at is null then posts.source_file end`)
      .orderBy(sql`case when posts.posted_at is null and posts.source_file is not null then posts.seq end`)
      .orderBy('posts.id', 'asc')
      .execute();
    const vacancies = await allVacancies(trx);
    await trx.deleteFrom('events').execute();
    const prepared: Changed[] = rows.map((r) => ({
      ...prepareOne(rawOf(r), { channel: r.handle, year: opts.year ?? r.year_hint ?? undefined }),
      id: r.id,
      source: r.source_file ?? '',
      group: `${r.handle}\u0000${r.source_file ?? ''}`,
    }));
    for (let i = 0; i < prepared.length; i += CHUNK) {
      const chunk = prepared.slice(i, i + CHUNK);
      // One statement per status keeps this a handful of round trips, not one per post; a post
      // that parses again loses the message of its earlier failure.
      for (const status of ['ok', 'no_event'] as const) {
        const ids = chunk.filter((p) => statusOf(p) === status).map((p) => p.id);
        if (!ids.length) continue;
        await trx.updateTable('posts').set({ parse_status: status, parse_error: null }).where('id', 'in', ids).execute();
      }
      // Failures each carry their own message; they are few unless the parser is broken.
      for (const p of chunk.filter((c) => statusOf(c) === 'error')) {
        await trx.updateTable('posts').set({ parse_status: 'error', parse_error: p.error }).where('id', '=', p.id).execute();
      }
    }
    const { months: _months, ...written } = await writeEvents(trx, prepared, vacancies);
    await refreshRollup(trx, null);
    await bumpDataVersion(trx);
    return {
      postsRead: rows.length,
      postsNew: 0,
      postsExisting: rows.length,
      postsEdited: 0,
      ...written,
      postsNoEvent: prepared.filter((p) => statusOf(p) === 'no_event').length,
      postsFailed: prepared.filter((p) => statusOf(p) === 'error').length,
      postsUndated: prepared.filter((p) => p.events.some((e) => e.date === null)).length,
      samplePostsRemoved: 0,
      sampleEventsRemoved: 0,
      failures: failuresOf(prepared),
    };
  });
}

/**
 * Channel rows that are one channel by name ("@mfarussia" and "MFARussia": before posts were
 * known by their canonical channel, --channel stored them under what it was given) become one,
 * under the canonical name: a post held by both is kept once (the one of the older row), the
 * others move. Their events are rebuilt by the reparse that calls this.
 */
async function foldChannels(trx: Transaction<Database>): Promise<void> {
  const rows = await trx.selectFrom('channels').select(['id', 'handle']).orderBy('id').execute();
  const groups = new Map<string, { id: number; handle: string }[]>();
  for (const r of rows) groups.set(channelKey(r.handle), [...(groups.get(channelKey(r.handle)) ?? []), r]);
  for (const group of groups.values()) {
    const [keep, ...others] = group;
    // A group has the row it was made for.
    if (!keep) continue;
    for (const o of others) {
      await sql`
        delete from posts p using posts q
        where p.channel_id = ${o.id} and q.channel_id = ${keep.id}
          and ((p.external_id is not null and p.external_id = q.external_id)
            or (p.external_id is null and q.external_id is null
              and ((p.source_file = q.source_file and p.seq = q.seq)
                or ((p.source_file is null or q.source_file is null) and p.content_hash = q.content_hash))))`.execute(trx);
      await trx.updateTable('posts').set({ channel_id: keep.id }).where('channel_id', '=', o.id).execute();
      await trx.deleteFrom('channels').where('id', '=', o.id).execute();
    }
    const name = canonicalChannel(keep.handle);
    if (name !== keep.handle) await trx.updateTable('channels').set({ handle: name }).where('id', '=', keep.id).execute();
  }
}

/** Marks the channels read by this run as ingested now, and the synced ones as synced. */
async function markChannelsRead(trx: Transaction<Database>, names: string[], synced: string[]): Promise<void> {
  if (!names.length) return;
  const ids = await channelRows(trx, names);
  const now = new Date();
  await trx.updateTable('channels').set({ last_ingested_at: now }).where('id', 'in', [...new Set(ids.values())]).execute();
  const syncedIds = synced.map((n) => ids.get(n)).filter((id): id is number => id !== undefined);
  if (syncedIds.length) await trx.updateTable('channels').set({ last_synced_at: now }).where('id', 'in', syncedIds).execute();
}

/**
 * The channel rows of these names, made where missing. A channel is found by its canonical name
 * whatever the case ("mfarussia"), and by a row stored under another spelling of it before.
 */
async function channelRows(trx: Transaction<Database>, names: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!names.length) return out;
  const rows = await trx.selectFrom('channels').select(['id', 'handle']).orderBy('id').execute();
  const byKey = new Map<string, number>();
  for (const r of rows) if (!byKey.has(channelKey(r.handle))) byKey.set(channelKey(r.handle), r.id);
  const missing = [...new Set(names.filter((n) => !byKey.has(channelKey(n))))];
  if (missing.length) {
    const made = await trx
      .insertInto('channels')
      .values(missing.map((handle) => ({ handle })))
      .onConflict((oc) => oc.column('handle').doNothing())
      .returning(['id', 'handle'])
      .execute();
    for (const r of made) if (!byKey.has(channelKey(r.handle))) byKey.set(channelKey(r.handle), r.id);
  }
  for (const n of names) {
    const id = byKey.get(channelKey(n));
    if (id === undefined) throw new Error(`channel "${n}" could not be stored`);
    out.set(n, id);
  }
  return out;
}

interface StoredEvent {
  id: number;
  event: ParsedEvent;
}

interface LoadedEvent extends StoredEvent {
  title: string;
  createdAt: Date;
}

function vacancyOf(e: LoadedEvent, postIds: number[]): Vacancy {
  const { countries, organizations } = counterpartsOf(e.event);
  return { id: e.id, date: e.event.date, type: e.event.type, title: e.title, countries, organizations, postIds, createdAt: e.createdAt };
}

/** Every stored event as a vacancy: what a reparse gives ids by. */
async function allVacancies(trx: Transaction<Database>): Promise<Vacancy[]> {
  const [events, countries, orgs, links] = await Promise.all([
    trx.selectFrom('events').select(['id', 'date', 'type', 'title', 'created_at']).orderBy('id').execute(),
    trx.selectFrom('event_countries').select(['event_id', 'country']).where('role', '=', 'counterpart').execute(),
    trx.selectFrom('event_organizations').select(['event_id', 'org']).where('role', '=', 'counterpart').execute(),
    trx.selectFrom('event_posts').select(['event_id', 'post_id']).execute(),
  ]);
  const by = <T extends { event_id: number }, V>(xs: T[], f: (x: T) => V) => {
    const m = new Map<number, V[]>();
    for (const x of xs) {
      const list = m.get(x.event_id);
      if (list) list.push(f(x));
      else m.set(x.event_id, [f(x)]);
    }
    return m;
  };
  const [c, o, p] = [by(countries, (x) => x.country.trim()), by(orgs, (x) => x.org), by(links, (x) => x.post_id)];
  return events.map((e) => ({
    id: e.id,
    date: e.date,
    type: e.type,
    title: e.title,
    countries: (c.get(e.id) ?? []).sort(),
    organizations: (o.get(e.id) ?? []).sort(),
    postIds: p.get(e.id) ?? [],
    createdAt: e.created_at,
  }));
}

async function writeEvents(
  trx: Transaction<Database>,
  posts: Changed[],
  vacancies: Vacancy[],
): Promise<{ eventsCreated: number; eventsMerged: number; eventsKept: number; eventsRetired: number; months: Set<string> }> {
  const months = new Set<string>();
  // Each item is one event as one post reports it; the key finds the post and its own evidence.
  const items = posts.flatMap((p) => p.events.map((event, i) => ({ postKey: `${p.id}:${i}`, event, group: p.group })));
  const evidenceOf = new Map<string, Evidence[]>(posts.flatMap((p) => p.events.map((e, i) => [`${p.id}:${i}`, e.evidence])));
  const digestLine = new Set<string>(posts.flatMap((p) => p.events.flatMap((e, i) => (e.fromDigest ? [`${p.id}:${i}`] : []))));
  const clusters = mergeAll(items);
  const existing = await loadCandidates(trx, clusters.map((c) => c.event));

  const creates: { event: ParsedEvent; postKeys: string[] }[] = [];
  let eventsMerged = items.length - clusters.length;
  const updates = new Map<number, { stored: StoredEvent; postKeys: string[] }>();
  for (const cluster of clusters) {
    const match = findStored(existing, cluster.event);
    if (!match) {
      creates.push(cluster);
      continue;
    }
    months.add(monthOf(match.event.date));
    match.event = mergeEvent(match.event, cluster.event);
    months.add(monthOf(match.event.date));
    const u = updates.get(match.id) ?? { stored: match, postKeys: [] };
    u.postKeys.push(...cluster.postKeys);
    updates.set(match.id, u);
    eventsMerged += 1;
  }

  // A new event takes the id of the removed one it shares most posts with; the others get new
  // ids, first, so that child rows can be written in bulk without relying on RETURNING order.
  const postIdOf = (key: string) => Number(key.slice(0, key.indexOf(':')));
  const reused = assignIds(creates.map((c) => ({ event: c.event, postIds: c.postKeys.map(postIdOf) })), vacancies);
  const fresh = reused.filter((v) => v === null).length;
  const newIds = fresh
    ? (await sql<{ id: number }>`select nextval('events_id_seq')::int as id from generate_series(1, ${fresh})`.execute(trx)).rows.map((r) => r.id)
    : [];
  const ids = reused.map((v) => v?.id ?? newIds.shift()!);
  // One id per event to create, in order.
  const idOf = (i: number): number => ids[i]!;
  const created: StoredEvent[] = creates.map((c, i) => ({ id: idOf(i), event: c.event }));
  for (const c of created) months.add(monthOf(c.event.date));
  // The writes go out one after another without waiting for each, so that the next statement is
  // built while the database runs the one before; they are all settled before this returns.
  const writes = new Writes();
  for (let i = 0; i < created.length; i += CHUNK) {
    writes.add(
      trx
        .insertInto('events')
        .values(
          created.slice(i, i + CHUNK).map((s, j) => {
            const was = reused[i + j];
            return { id: s.id, ...eventColumns(s.event), ...(was ? { created_at: was.createdAt } : {}) };
          }),
        )
        .execute(),
    );
  }
  const updatedIds = [...updates.keys()];
  for (const { stored } of updates.values()) {
    writes.add(
      trx
        .updateTable('events')
        .set({ ...eventColumns(stored.event), updated_at: new Date() })
        .where('id', '=', stored.id)
        .execute(),
    );
  }
  deleteChildren(trx, updatedIds, writes);
  const all = [...created, ...[...updates.values()].map((u) => u.stored)];
  insertChildren(trx, all, writes);

  const links = [
    ...creates.flatMap((c, i) => c.postKeys.map((k) => ({ eventId: idOf(i), key: k }))),
    ...[...updates.values()].flatMap((u) => u.postKeys.map((k) => ({ eventId: u.stored.id, key: k }))),
  ];
  // A post reports an event once, however many of its lines were merged into it.
  // It reports it unless every line of it that made the event is a line of a digest.
  const byPair = new Map<string, { event_id: number; post_id: number; evidence: Evidence[]; role: 'report' | 'digest' }>();
  for (const { eventId, key } of links) {
    const postId = postIdOf(key);
    const pair = `${eventId}:${postId}`;
    const row = byPair.get(pair) ?? { event_id: eventId, post_id: postId, evidence: [], role: 'digest' };
    if (!digestLine.has(key)) row.role = 'report';
    row.evidence.push(...(evidenceOf.get(key) ?? []));
    byPair.set(pair, row);
  }
  const linkRows = [...byPair.values()].map((r) => ({ ...r, evidence: JSON.stringify(r.evidence) }));
  for (let i = 0; i < linkRows.length; i += CHUNK) {
    writes.add(
      trx
        .insertInto('event_posts')
        .values(linkRows.slice(i, i + CHUNK))
        .onConflict((oc) => oc.doNothing())
        .execute(),
    );
  }
  // The removed events no new one took: their ids answer 410 from now on.
  const taken = new Set(reused.flatMap((v) => (v ? [v.id] : [])));
  const retired = vacancies.filter((v) => !taken.has(v.id));
  for (const v of retired) months.add(monthOf(v.date));
  for (let i = 0; i < retired.length; i += CHUNK) {
    writes.add(
      trx
        .insertInto('retired_events')
        .values(
          retired.slice(i, i + CHUNK).map((v) => ({
            id: v.id,
            date: v.date,
            type: v.type,
            title: v.title,
            countries: v.countries,
            organizations: v.organizations,
            post_ids: [...new Set(v.postIds)],
          })),
        )
        .onConflict((oc) => oc.column('id').doNothing())
        .execute(),
    );
  }
  await writes.settled();
  return { eventsCreated: created.length, eventsMerged, eventsKept: taken.size, eventsRetired: retired.length, months };
}

function eventColumns(e: ParsedEvent) {
  return {
    date: e.date,
    type: e.type,
    principal: e.principal,
    venue: e.venue,
    title: e.title.slice(0, 500),
    summary: e.summary.slice(0, 2000),
  };
}

function deleteChildren(trx: Transaction<Database>, ids: number[], writes: Writes): void {
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    writes.add(trx.deleteFrom('event_countries').where('event_id', 'in', chunk).execute());
    writes.add(trx.deleteFrom('event_organizations').where('event_id', 'in', chunk).execute());
    writes.add(trx.deleteFrom('event_people').where('event_id', 'in', chunk).execute());
    writes.add(trx.deleteFrom('event_topics').where('event_id', 'in', chunk).execute());
  }
}

function insertChildren(trx: Transaction<Database>, events: StoredEvent[], writes: Writes): void {
  const countries = events.flatMap((s) => dedupeBy(s.event.countries, (c) => c.code).map((c) => ({ event_id: s.id, country: c.code, role: c.role })));
  const orgs = events.flatMap((s) => dedupeBy(s.event.organizations, (o) => o.code).map((o) => ({ event_id: s.id, org: o.code, role: o.role })));
  const people = events.flatMap((s) =>
    s.event.people.map((p) => ({ event_id: s.id, name: p.name, title: p.title, country: p.country })),
  );
  const topics = events.flatMap((s) =>
    dedupeBy(s.event.topics, (t) => t.code).map((t) => ({ event_id: s.id, topic: t.code, phrases: t.phrases })),
  );
  for (let i = 0; i < countries.length; i += CHUNK) writes.add(trx.insertInto('event_countries').values(countries.slice(i, i + CHUNK)).execute());
  for (let i = 0; i < orgs.length; i += CHUNK) writes.add(trx.insertInto('event_organizations').values(orgs.slice(i, i + CHUNK)).execute());
  for (let i = 0; i < people.length; i += CHUNK) writes.add(trx.insertInto('event_people').values(people.slice(i, i + CHUNK)).execute());
  for (let i = 0; i < topics.length; i += CHUNK) writes.add(trx.insertInto('event_topics').values(topics.slice(i, i + CHUNK)).execute());
}

/**
 * Statements queued on one transaction's connection, which runs them in the order given. Every
 * one is settled before `settled` answers, so none is left running, and the first failure is
 * the one thrown (those after it fail only because the transaction is aborted).
 */
class Writes {
  private readonly pending: Promise<unknown>[] = [];

  add(p: Promise<unknown>): void {
    this.pending.push(p);
  }

  async settled(): Promise<void> {
    const results = await Promise.allSettled(this.pending);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

/** One row per code; counterparts win over mentions when a merge brought both. */
function dedupeBy<T extends object>(xs: T[], key: (x: T) => string): T[] {
  const out = new Map<string, T>();
  const role = (x: T) => ('role' in x ? x.role : undefined);
  for (const x of xs) {
    const prev = out.get(key(x));
    if (!prev || (role(prev) === 'mentioned' && role(x) === 'counterpart')) out.set(key(x), x);
  }
  return [...out.values()];
}

/** Stored events with their countries, organisations, people and topics, by id. */
async function loadEvents(trx: Transaction<Database>, ids: number[]): Promise<LoadedEvent[]> {
  const out: LoadedEvent[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await trx
      .selectFrom('events')
      .select(['id', 'date', 'type', 'principal', 'venue', 'title', 'summary', 'created_at'])
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    out.push(...(await withChildren(trx, rows)));
  }
  return out;
}

async function withChildren(
  trx: Transaction<Database>,
  rows: { id: number; date: string | null; type: string; principal: string | null; venue: string | null; title: string; summary: string; created_at: Date }[],
): Promise<LoadedEvent[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [countries, orgs, people, topics] = await Promise.all([
    trx.selectFrom('event_countries').selectAll().where('event_id', 'in', ids).execute(),
    trx.selectFrom('event_organizations').selectAll().where('event_id', 'in', ids).execute(),
    trx.selectFrom('event_people').selectAll().where('event_id', 'in', ids).orderBy('id').execute(),
    trx.selectFrom('event_topics').selectAll().where('event_id', 'in', ids).execute(),
  ]);
  const group = <T extends { event_id: number }>(xs: T[]) => {
    const m = new Map<number, T[]>();
    for (const x of xs) m.set(x.event_id, [...(m.get(x.event_id) ?? []), x]);
    return m;
  };
  const [gc, go, gp, gt] = [group(countries), group(orgs), group(people), group(topics)];
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    createdAt: r.created_at,
    event: {
      date: r.date,
      type: r.type as ParsedEvent['type'],
      countries: (gc.get(r.id) ?? []).map((c) => ({ code: c.country.trim(), role: c.role })),
      organizations: (go.get(r.id) ?? []).map((o) => ({ code: o.org, role: o.role })),
      people: (gp.get(r.id) ?? []).map((p) => ({ name: p.name, title: p.title, country: p.country?.trim() ?? null })),
      principal: r.principal,
      venue: r.venue,
      title: r.title,
      summary: r.summary,
      topics: (gt.get(r.id) ?? []).map((t) => ({ code: t.topic, phrases: t.phrases })),
      evidence: [],
      fromDigest: false,
    },
  }));
}

/** The stored events a new one could be a report of: those within a day of the run's dates. */
async function loadCandidates(trx: Transaction<Database>, events: ParsedEvent[]): Promise<Map<string, StoredEvent[]>> {
  const days = new Set<string>();
  for (const e of events) if (e.date) for (const d of [-1, 0, 1]) days.add(shiftDay(e.date, d));
  const byDay = new Map<string, StoredEvent[]>();
  if (!days.size) return byDay;
  const list = [...days];
  for (let i = 0; i < list.length; i += CHUNK) {
    const rows = await trx
      .selectFrom('events')
      .select(['id', 'date', 'type', 'principal', 'venue', 'title', 'summary', 'created_at'])
      .where('date', 'in', list.slice(i, i + CHUNK))
      .execute();
    for (const stored of await withChildren(trx, rows)) {
      const day = stored.event.date as string;
      byDay.set(day, [...(byDay.get(day) ?? []), stored]);
    }
  }
  return byDay;
}

/** A stored event this one reports, looked up among the events a day either side of it. */
function findStored(byDay: Map<string, StoredEvent[]>, e: ParsedEvent): StoredEvent | undefined {
  if (!e.date) return undefined;
  for (const d of [0, -1, 1]) {
    const hit = byDay.get(shiftDay(e.date, d))?.find((s) => sameEvent(s.event, e));
    if (hit) return hit;
  }
  return undefined;
}

function shiftDay(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
