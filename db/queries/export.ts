// Events for download: one row per event with its counterparts, people, topics and post links.
import type { Kysely } from 'kysely';
import type { Database } from '../types';
import type { Filters } from '@/lib/domain/filters';
import { eventsPage, type Cursor, type EventSummary } from './events';

export interface ExportEvent extends Omit<EventSummary, 'posts'> {
  posts: { id: number; lang: string; url: string | null }[];
}

export const MAX_EXPORT = 20_000;

/** Every event matching the filters (newest first, at most MAX_EXPORT), with its post links. */
export async function eventsForExport(db: Kysely<Database>, f: Filters): Promise<{ events: ExportEvent[]; truncated: boolean }> {
  const out: EventSummary[] = [];
  let cursor: Cursor | null = null;
  do {
    const page = await eventsPage(db, f, cursor, 100);
    out.push(...page.events);
    cursor = page.next;
  } while (cursor && out.length < MAX_EXPORT);
  const events = out.slice(0, MAX_EXPORT);
  const postIds = events.flatMap((e) => e.posts.map((p) => p.id));
  const urls = new Map<number, string | null>();
  for (let i = 0; i < postIds.length; i += 1000) {
    const rows = await db.selectFrom('posts').select(['id', 'url']).where('id', 'in', postIds.slice(i, i + 1000)).execute();
    for (const r of rows) urls.set(r.id, r.url);
  }
  return {
    events: events.map((e) => ({ ...e, posts: e.posts.map((p) => ({ ...p, url: urls.get(p.id) ?? null })) })),
    truncated: Boolean(cursor) || out.length > MAX_EXPORT,
  };
}
