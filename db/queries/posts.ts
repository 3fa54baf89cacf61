import type { Kysely } from 'kysely';
import type { Database } from '../types';
import { dataVersion } from './version';

/** How fresh a channel's posts are: the newest one's time, and when a run last read the channel (UTC). */
export interface ChannelFreshness {
  channel: string;
  posts: number;
  newestPostAt: Date | null;
  lastIngestedAt: Date | null;
  lastSyncedAt: Date | null;
}

export interface CorpusSummary {
  posts: number;
  events: number;
  channels: string[];
  freshness: ChannelFreshness[];
  /** First and last event day, YYYY-MM-DD (Moscow calendar days as the posts give them). */
  firstDate: string | null;
  lastDate: string | null;
}

/** The handles of the channels stored, in order. */
export async function channelHandles(db: Kysely<Database>): Promise<string[]> {
  return (await db.selectFrom('channels').select('handle').orderBy('handle').execute()).map((c) => c.handle);
}

/** When each channel was last read by a run (UTC), by handle: read afresh, it is kept by no data version. */
export async function channelTimes(db: Kysely<Database>): Promise<Map<string, { lastIngestedAt: Date | null; lastSyncedAt: Date | null }>> {
  const rows = await db.selectFrom('channels').select(['handle', 'last_ingested_at', 'last_synced_at']).execute();
  const at = (t: Date | string | null) => (t === null ? null : new Date(t));
  return new Map(rows.map((r) => [r.handle, { lastIngestedAt: at(r.last_ingested_at), lastSyncedAt: at(r.last_synced_at) }]));
}

/** Each channel's posts and its newest post's time, in the order of channelHandles; the run times as of `times`. */
async function channelPosts(db: Kysely<Database>): Promise<Omit<ChannelFreshness, 'lastIngestedAt' | 'lastSyncedAt'>[]> {
  const rows = await db
    .selectFrom('channels as c')
    .leftJoin('posts as p', 'p.channel_id', 'c.id')
    .select((eb) => ['c.handle', eb.fn.count<number>('p.id').as('posts'), eb.fn.max('p.posted_at').as('newest')])
    .groupBy(['c.id', 'c.handle'])
    .orderBy('c.handle')
    .execute();
  return rows.map((r) => ({ channel: r.handle, posts: Number(r.posts), newestPostAt: r.newest === null ? null : new Date(r.newest) }));
}

/** The freshness of a summary brought up to date with the channels' run times. */
export function withTimes<T extends { freshness?: { channel: string }[] }>(summary: T, times: Awaited<ReturnType<typeof channelTimes>>): T {
  return {
    ...summary,
    freshness: summary.freshness?.map((f) => ({ ...f, ...(times.get(f.channel) ?? { lastIngestedAt: null, lastSyncedAt: null }) })),
  };
}

// Counting a million posts takes a while and the answer changes only when a run writes, so it is
// kept per database and data version.
const summaries = new WeakMap<Kysely<Database>, { version: number; summary: CorpusSummary }>();

/** Totals over everything stored. */
export async function corpusSummary(db: Kysely<Database>): Promise<CorpusSummary> {
  const [summary, times] = await Promise.all([countedSummary(db), channelTimes(db)]);
  return withTimes(summary, times);
}

async function countedSummary(db: Kysely<Database>): Promise<CorpusSummary> {
  const version = await dataVersion(db);
  const cached = summaries.get(db);
  if (cached?.version === version) return cached.summary;
  const [posts, events, channels] = await Promise.all([
    db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('events')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('date').as('first'), eb.fn.max('date').as('last')])
      .executeTakeFirstOrThrow(),
    channelHandles(db),
  ]);
  const summary = {
    posts: Number(posts.n),
    events: Number(events.n),
    channels,
    freshness: (await channelPosts(db)).map((c) => ({ ...c, lastIngestedAt: null, lastSyncedAt: null })),
    firstDate: events.first ?? null,
    lastDate: events.last ?? null,
  };
  summaries.set(db, { version, summary });
  return summary;
}

export interface LatestPost {
  id: number;
  lang: string;
  text: string;
  url: string | null;
  postedAt: Date | null;
  events: number;
}

/** The most recently stored posts, newest first. */
export async function latestPosts(db: Kysely<Database>, limit: number): Promise<LatestPost[]> {
  const rows = await db
    .selectFrom('posts')
    .leftJoin('event_posts', 'event_posts.post_id', 'posts.id')
    .select((eb) => ['posts.id', 'posts.lang', 'posts.text', 'posts.url', 'posts.posted_at', eb.fn.count<number>('event_posts.event_id').as('events')])
    .groupBy('posts.id')
    .orderBy('posts.posted_at', (ob) => ob.desc().nullsLast())
    .orderBy('posts.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, lang: r.lang, text: r.text, url: r.url, postedAt: r.posted_at, events: Number(r.events) }));
}
