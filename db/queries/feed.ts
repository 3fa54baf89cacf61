// The events of a feed: the newest that match the filters, each with the text of the posts that
// report it and the times the store first and last wrote it.
import type { Kysely } from 'kysely';
import type { Database } from '../types';
import type { Filters } from '@/lib/domain/filters';
import type { SourcePost } from '@/lib/domain/api';
import { eventsPage, type EventSummary } from './events';

/** A post as the event's page shows it, without the parser's evidence. */
export type FeedPost = Omit<SourcePost, 'evidence'>;

export interface FeedEvent extends Omit<EventSummary, 'posts'> {
  /** When the store first held the event, and when it last changed it (UTC). */
  createdAt: Date;
  updatedAt: Date;
  /** The posts that report it (not a digest that only lists it), English first. */
  posts: FeedPost[];
}

/** The newest `limit` events matching the filters (as the timeline orders them), for a feed. */
export async function feedEvents(db: Kysely<Database>, f: Filters, limit: number): Promise<FeedEvent[]> {
  const { events } = await eventsPage(db, f, null, limit);
  if (!events.length) return [];
  const ids = events.map((e) => e.id);
  const [times, posts] = await Promise.all([
    db.selectFrom('events').select(['id', 'created_at', 'updated_at']).where('id', 'in', ids).execute(),
    db
      .selectFrom('event_posts as ep')
      .innerJoin('posts as p', 'p.id', 'ep.post_id')
      .innerJoin('channels as ch', 'ch.id', 'p.channel_id')
      .select(['ep.event_id', 'ep.role', 'p.id', 'p.lang', 'p.text', 'p.url', 'p.posted_at', 'ch.handle'])
      .where('ep.event_id', 'in', ids)
      .orderBy('p.lang')
      .orderBy('p.id')
      .execute(),
  ]);
  const timeOf = new Map(times.map((t) => [t.id, t]));
  const postsOf = new Map<number, typeof posts>();
  for (const p of posts) postsOf.set(p.event_id, [...(postsOf.get(p.event_id) ?? []), p]);
  return events.map(({ posts: _ids, ...e }) => {
    const t = timeOf.get(e.id);
    const all = postsOf.get(e.id) ?? [];
    // An event known only from a digest still shows that digest's text.
    const reports = all.some((p) => p.role === 'report') ? all.filter((p) => p.role === 'report') : all;
    return {
      ...e,
      createdAt: new Date(t?.created_at ?? 0),
      updatedAt: new Date(t?.updated_at ?? 0),
      posts: reports.map((p) => ({ id: p.id, lang: p.lang, text: p.text, url: p.url, postedAt: p.posted_at ? new Date(p.posted_at) : null, channel: p.handle })),
    };
  });
}
