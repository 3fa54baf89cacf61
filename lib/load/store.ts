// Writes parsed posts and their events in one transaction: new posts are stored (failures with
// their error), their events merged among themselves and with the events already stored.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, ParseStatus } from '@/db/types';
import { bumpDataVersion } from '@/db/queries/version';
import { monthOf, refreshRollup } from '@/db/rollup';
import { postKey, type ParseFailure } from '@/lib/ingest/extract';
import { mergeAll, mergeEvent, sameEvent } from '@/lib/ingest/merge';
import { FAILURES_NAMED } from './failures';
import { prepareOne, withInferredYear, type PrepareOptions, type Prepared } from './prepare';
import type { Evidence, ParsedEvent, ParseOptions, RawPost } from '@/lib/ingest/types';

export { contentHash } from './prepare';

export interface StoreOptions extends ParseOptions {
  /** Channel handle for posts that name none. */
  channel?: string;
  onProgress?: (phase: string, done: number, total: number) => void;
  /** Prepares a batch elsewhere (a worker thread); by default it is done in this thread. */
  prepare?: (posts: RawPost[], opts: PrepareOptions) => Promise<Prepared[]>;
}

export interface StoreSummary {
  postsRead: number;
  postsNew: number;
  postsExisting: number;
  eventsCreated: number;
  /** Event reports (one per post and event) that joined an event already stored or made in this run. */
  eventsMerged: number;
  postsNoEvent: number;
  /** Posts the parser failed on: stored with parse_status 'error' and the message, without events. */
  postsFailed: number;
  /** The first few of them (FAILURES_NAMED), in the order read; the posts table has them all. */
  failures: ParseFailure[];
}

const CHUNK = 1000;
const PARSE_SLICE = 50;
const ANALYZE_AFTER = 5_000;
/** Serialises writers: two ingests of the same files must not both see a post as new. */
const INGEST_LOCK = 0x5_1de_11e5;

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
  eventsCreated: 0,
  eventsMerged: 0,
  postsNoEvent: 0,
  postsFailed: 0,
  failures: [],
};

function addSummaries(a: StoreSummary, b: StoreSummary): StoreSummary {
  return {
    postsRead: a.postsRead + b.postsRead,
    postsNew: a.postsNew + b.postsNew,
    postsExisting: a.postsExisting + b.postsExisting,
    eventsCreated: a.eventsCreated + b.eventsCreated,
    eventsMerged: a.eventsMerged + b.eventsMerged,
    postsNoEvent: a.postsNoEvent + b.postsNoEvent,
    postsFailed: a.postsFailed + b.postsFailed,
    // Only a few are kept, so that a parser broken on every post of a large file costs no memory.
    failures: [...a.failures, ...b.failures].slice(0, FAILURES_NAMED),
  };
}

/** An error is a message that is there (prepareOne never leaves it empty), not a truthy one. */
function statusOf(p: Prepared): ParseStatus {
  return p.error !== null ? 'error' : p.events.length ? 'ok' : 'no_event';
}

/** The failed posts among these, the first few, named as the dry run names them. */
function failuresOf(posts: Prepared[]): ParseFailure[] {
  const out: ParseFailure[] = [];
  for (const p of posts) {
    if (out.length === FAILURES_NAMED) break;
    // A post without an id is named by its channel and place in its file ("MID_Russia#12").
    if (p.error !== null) out.push({ post: postKey({ ...p.raw, channel: p.channel }, p.channel), message: p.error });
  }
  return out;
}

/**
 * Stores posts that arrive in batches (a large file read as a stream) in ONE transaction: a bad
 * batch, or any failure, leaves the database as it was. Events merge across batches through the
 * rows earlier batches wrote.
 */
export async function storeBatches(
  db: Kysely<Database>,
  batches: Iterable<RawPost[]> | AsyncIterable<RawPost[]>,
  opts: StoreOptions = {},
): Promise<StoreSummary> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${INGEST_LOCK})`.execute(trx);
    let total = { ...EMPTY_SUMMARY };
    const touched = new Set<string>();
    let nextAnalyze = ANALYZE_AFTER;
    // While one batch is written, the next is read and parsed.
    const parseOpts: PrepareOptions = { channel: opts.channel, year: opts.year };
    const it = Symbol.asyncIterator in batches ? batches[Symbol.asyncIterator]() : toAsync(batches[Symbol.iterator]());
    const parseNext = async (): Promise<{ posts: RawPost[]; prepared: Prepared[] } | null> => {
      const r = await it.next();
      return r.done ? null : { posts: r.value, prepared: await (opts.prepare ?? prepareHere)(r.value, parseOpts) };
    };
    let next = parseNext();
    for (;;) {
      const batch = await next;
      if (!batch) break;
      next = parseNext();
      // A failure of the write must not leave the parse of the next batch unobserved.
      next.catch(() => {});
      const { summary: s, months } = await storeBatch(trx, batch.posts, batch.prepared);
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
    if (total.postsNew > 0) await bumpDataVersion(trx);
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

function toAsync<T>(it: Iterator<T>): AsyncIterator<T> {
  return { next: async () => it.next() };
}

async function storeBatch(
  trx: Transaction<Database>,
  posts: RawPost[],
  prepared: Prepared[],
): Promise<{ summary: StoreSummary; months: Set<string> }> {
  const channelIds = await upsertChannels(trx, [...new Set(prepared.map((p) => p.channel))]);

  // Insert; what comes back is new, the rest was stored by an earlier run.
  const fresh: (Prepared & { id: number })[] = [];
  const seen = new Set<string>();
  const unique = prepared.filter((p) => {
    const key = `${p.channel}\u0000${p.hash}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    const rows = await trx
      .insertInto('posts')
      .values(
        chunk.map((p) => ({
          channel_id: channelIds.get(p.channel)!,
          external_id: p.raw.externalId,
          content_hash: p.hash,
          posted_at: p.raw.postedAt,
          lang: p.lang,
          text: p.raw.text,
          hashtags: p.hashtags,
          url: p.raw.url,
          source_file: null,
          seq: p.raw.seq,
          year_hint: p.raw.postedAt ? null : (p.year ?? null),
          parse_status: statusOf(p),
          parse_error: p.error,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .returning(['id', 'channel_id', 'content_hash'])
      .execute();
    const byKey = new Map(rows.map((r) => [`${r.channel_id}\u0000${r.content_hash}`, r.id]));
    for (const p of chunk) {
      const id = byKey.get(`${channelIds.get(p.channel)}\u0000${p.hash}`);
      if (id !== undefined) fresh.push({ ...p, id });
    }
  }

  const { months, ...written } = await writeEvents(trx, fresh);
  const summary: StoreSummary = {
    postsRead: posts.length,
    postsNew: fresh.length,
    postsExisting: posts.length - fresh.length,
    ...written,
    postsNoEvent: fresh.filter((p) => statusOf(p) === 'no_event').length,
    postsFailed: fresh.filter((p) => statusOf(p) === 'error').length,
    failures: failuresOf(fresh),
  };
  return { summary, months };
}

/**
 * Re-applies the parser and taxonomy to every stored post: events are rebuilt from scratch, in
 * one transaction, from the posts in the order they were published.
 */
export async function reparseAll(db: Kysely<Database>, opts: StoreOptions = {}): Promise<StoreSummary> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${INGEST_LOCK})`.execute(trx);
    const rows = await trx
      .selectFrom('posts')
      .innerJoin('channels', 'channels.id', 'posts.channel_id')
      .select(['posts.id', 'posts.external_id', 'posts.posted_at', 'posts.lang', 'posts.text', 'posts.url', 'posts.seq', 'posts.year_hint', 'channels.handle'])
      .orderBy('posts.posted_at', 'asc')
      .orderBy('posts.id', 'asc')
      .execute();
    await trx.deleteFrom('events').execute();
    const prepared = rows.map((r) => ({
      ...prepareOne(
        {
          channel: r.handle,
          externalId: r.external_id,
          postedAt: r.posted_at,
          lang: r.lang === 'ru' || r.lang === 'en' ? r.lang : null,
          text: r.text,
          url: r.url,
          seq: r.seq,
        },
        { channel: r.handle, year: opts.year ?? r.year_hint ?? undefined },
      ),
      id: r.id,
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
    const { months: _months, ...written } = await writeEvents(trx, prepared);
    await refreshRollup(trx, null);
    await bumpDataVersion(trx);
    return {
      postsRead: rows.length,
      postsNew: 0,
      postsExisting: rows.length,
      ...written,
      postsNoEvent: prepared.filter((p) => statusOf(p) === 'no_event').length,
      postsFailed: prepared.filter((p) => statusOf(p) === 'error').length,
      failures: failuresOf(prepared),
    };
  });
}

async function upsertChannels(trx: Transaction<Database>, handles: string[]): Promise<Map<string, number>> {
  if (handles.length) {
    await trx
      .insertInto('channels')
      .values(handles.map((handle) => ({ handle })))
      .onConflict((oc) => oc.column('handle').doNothing())
      .execute();
  }
  const rows = handles.length
    ? await trx.selectFrom('channels').select(['id', 'handle']).where('handle', 'in', handles).execute()
    : [];
  return new Map(rows.map((r) => [r.handle, r.id]));
}

interface StoredEvent {
  id: number;
  event: ParsedEvent;
}

async function writeEvents(
  trx: Transaction<Database>,
  posts: (Prepared & { id: number })[],
): Promise<{ eventsCreated: number; eventsMerged: number; months: Set<string> }> {
  const months = new Set<string>();
  // Each item is one event as one post reports it; the key finds the post and its own evidence.
  const items = posts.flatMap((p) => p.events.map((event, i) => ({ postKey: `${p.id}:${i}`, event })));
  const evidenceOf = new Map<string, Evidence[]>(posts.flatMap((p) => p.events.map((e, i) => [`${p.id}:${i}`, e.evidence])));
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

  // Ids first, so that child rows can be written in bulk without relying on RETURNING order.
  const ids = creates.length
    ? (
        await sql<{ id: number }>`select nextval('events_id_seq')::int as id from generate_series(1, ${creates.length})`.execute(trx)
      ).rows.map((r) => r.id)
    : [];
  const created: StoredEvent[] = creates.map((c, i) => ({ id: ids[i], event: c.event }));
  for (const c of created) months.add(monthOf(c.event.date));
  // The writes go out one after another without waiting for each, so that the next statement is
  // built while the database runs the one before; they are all settled before this returns.
  const writes = new Writes();
  for (let i = 0; i < created.length; i += CHUNK) {
    writes.add(
      trx
        .insertInto('events')
        .values(created.slice(i, i + CHUNK).map((s) => ({ id: s.id, ...eventColumns(s.event) })))
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
  if (updatedIds.length) {
    writes.add(trx.deleteFrom('event_countries').where('event_id', 'in', updatedIds).execute());
    writes.add(trx.deleteFrom('event_organizations').where('event_id', 'in', updatedIds).execute());
    writes.add(trx.deleteFrom('event_people').where('event_id', 'in', updatedIds).execute());
    writes.add(trx.deleteFrom('event_topics').where('event_id', 'in', updatedIds).execute());
  }
  const all = [...created, ...[...updates.values()].map((u) => u.stored)];
  insertChildren(trx, all, writes);

  const links = [
    ...creates.flatMap((c, i) => c.postKeys.map((k) => ({ eventId: ids[i], key: k }))),
    ...[...updates.values()].flatMap((u) => u.postKeys.map((k) => ({ eventId: u.stored.id, key: k }))),
  ];
  // A post reports an event once, however many of its lines were merged into it.
  const byPair = new Map<string, { event_id: number; post_id: number; evidence: Evidence[] }>();
  for (const { eventId, key } of links) {
    const postId = Number(key.split(':')[0]);
    const pair = `${eventId}:${postId}`;
    const row = byPair.get(pair) ?? { event_id: eventId, post_id: postId, evidence: [] };
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
  await writes.settled();
  return { eventsCreated: created.length, eventsMerged, months };
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

/** The stored events a new one could be a report of: those within a day of the run's dates. */
async function loadCandidates(trx: Transaction<Database>, events: ParsedEvent[]): Promise<Map<string, StoredEvent[]>> {
  const days = new Set<string>();
  for (const e of events) if (e.date) for (const d of [-1, 0, 1]) days.add(shiftDay(e.date, d));
  const byDay = new Map<string, StoredEvent[]>();
  if (!days.size) return byDay;
  const rows = await trx
    .selectFrom('events')
    .select(['id', 'date', 'type', 'principal', 'venue', 'title', 'summary'])
    .where('date', 'in', [...days])
    .execute();
  if (!rows.length) return byDay;
  const ids = rows.map((r) => r.id);
  const [countries, orgs, people, topics] = await Promise.all([
    trx.selectFrom('event_countries').selectAll().where('event_id', 'in', ids).execute(),
    trx.selectFrom('event_organizations').selectAll().where('event_id', 'in', ids).execute(),
    trx.selectFrom('event_people').selectAll().where('event_id', 'in', ids).execute(),
    trx.selectFrom('event_topics').selectAll().where('event_id', 'in', ids).execute(),
  ]);
  const group = <T extends { event_id: number }>(xs: T[]) => {
    const m = new Map<number, T[]>();
    for (const x of xs) m.set(x.event_id, [...(m.get(x.event_id) ?? []), x]);
    return m;
  };
  const [gc, go, gp, gt] = [group(countries), group(orgs), group(people), group(topics)];
  for (const r of rows) {
    const stored: StoredEvent = {
      id: r.id,
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
    };
    const day = r.date as string;
    byDay.set(day, [...(byDay.get(day) ?? []), stored]);
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
