// The timeline: events newest first, in pages (keyset on date, id), and one event in full.
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../types';
import { filtersToQuery, parseFilters, type Filters } from '@/lib/domain/filters';
import { eventConditions } from './filter';
import type { Cursor, EventDetail, EventPerson, EventSummary, EventsPage, SourcePost } from '@/lib/domain/api';

export type { Cursor, EventDetail, EventPerson, EventSummary, EventsPage, SourcePost };
export { decodeCursor, encodeCursor } from '@/lib/domain/api';

export const MAX_PAGE = 100;

/** One page of events matching the filters, newest first; undated events come last. */
export async function eventsPage(db: Kysely<Database>, f: Filters, cursor: Cursor | null, limit = 30): Promise<EventsPage> {
  const size = Math.min(Math.max(limit, 1), MAX_PAGE);
  const base = () =>
    db
      .selectFrom('events as e')
      .where((eb) => eventConditions(eb, f))
      .select(['e.id', 'e.date', 'e.type', 'e.principal', 'e.venue', 'e.title'])
      .orderBy(sql`e.date desc nulls last`)
      .orderBy('e.id', 'desc');
  let rows;
  if (!cursor) {
    rows = await base().limit(size + 1).execute();
  } else if (cursor.date === null) {
    rows = await base().where('e.date', 'is', null).where('e.id', '<', cursor.id).limit(size + 1).execute();
  } else {
    // A row comparison the (date, id) index answers directly, at any depth; the undated events
    // that come after every dated one are read once the dated ones run out.
    rows = await base()
      .where(sql<SqlBool>`(e.date, e.id) < (${cursor.date}::date, ${cursor.id})`)
      .limit(size + 1)
      .execute();
    if (rows.length <= size) {
      rows = rows.concat(await base().where('e.date', 'is', null).limit(size + 1 - rows.length).execute());
    }
  }
  const page = rows.slice(0, size);
  const events = await withDetails(db, page);
  const last = page[page.length - 1];
  return { events, next: rows.length > size && last ? { date: last.date, id: last.id } : null };
}

async function withDetails(
  db: Kysely<Database>,
  rows: { id: number; date: string | null; type: string; principal: string | null; venue: string | null; title: string }[],
): Promise<EventSummary[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [countries, orgs, people, topics, posts] = await Promise.all([
    db.selectFrom('event_countries').select(['event_id', 'country', 'role']).where('event_id', 'in', ids).orderBy('role').orderBy('country').execute(),
    db.selectFrom('event_organizations').select(['event_id', 'org', 'role']).where('event_id', 'in', ids).orderBy('role').orderBy('org').execute(),
    db.selectFrom('event_people').select(['event_id', 'name', 'title', 'country']).where('event_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('event_topics').select(['event_id', 'topic']).where('event_id', 'in', ids).orderBy('topic').execute(),
    db
      .selectFrom('event_posts')
      .innerJoin('posts', 'posts.id', 'event_posts.post_id')
      .select(['event_posts.event_id', 'posts.id', 'posts.lang'])
      .where('event_posts.event_id', 'in', ids)
      .orderBy('posts.id')
      .execute(),
  ]);
  const by = <T extends { event_id: number }>(xs: T[]) => {
    const m = new Map<number, T[]>();
    for (const x of xs) m.set(x.event_id, [...(m.get(x.event_id) ?? []), x]);
    return m;
  };
  const [c, o, p, t, ps] = [by(countries), by(orgs), by(people), by(topics), by(posts)];
  return rows.map((r) => ({
    ...r,
    countries: (c.get(r.id) ?? []).map((x) => ({ code: x.country.trim(), role: x.role })),
    organizations: (o.get(r.id) ?? []).map((x) => ({ code: x.org, role: x.role })),
    people: (p.get(r.id) ?? []).map((x) => ({ name: x.name, title: x.title, country: x.country?.trim() ?? null })),
    topics: (t.get(r.id) ?? []).map((x) => x.topic),
    posts: (ps.get(r.id) ?? []).map((x) => ({ id: x.id, lang: x.lang })),
  }));
}

/** One event with the full text of every post that reports it; null when there is none. */
export async function eventDetail(db: Kysely<Database>, id: number): Promise<EventDetail | null> {
  const row = await db
    .selectFrom('events')
    .select(['id', 'date', 'type', 'principal', 'venue', 'title', 'summary'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  // One row in, one summary out.
  const summary = (await withDetails(db, [row]))[0]!;
  const [topics, sources] = await Promise.all([
    db.selectFrom('event_topics').select(['topic', 'phrases']).where('event_id', '=', id).execute(),
    db
      .selectFrom('event_posts')
      .innerJoin('posts', 'posts.id', 'event_posts.post_id')
      .innerJoin('channels', 'channels.id', 'posts.channel_id')
      .select(['posts.id', 'posts.lang', 'posts.text', 'posts.url', 'posts.posted_at', 'channels.handle', 'event_posts.evidence'])
      .where('event_posts.event_id', '=', id)
      .orderBy('posts.lang', 'desc')
      .orderBy('posts.id')
      .execute(),
  ]);
  return {
    ...summary,
    summary: row.summary,
    topicPhrases: Object.fromEntries(topics.map((t) => [t.topic, t.phrases])),
    sources: sources.map((s) => ({
      id: s.id,
      lang: s.lang,
      text: s.text,
      url: s.url,
      postedAt: s.posted_at,
      channel: s.handle,
      evidence: Array.isArray(s.evidence) ? (s.evidence as SourcePost['evidence']) : [],
    })),
  };
}

/** An event id that no longer exists: what it was, and where to look instead. */
export interface RetiredEvent {
  id: number;
  date: string | null;
  type: string;
  title: string;
  countries: string[];
  organizations: string[];
  retiredAt: Date;
  /** The dashboard filtered to its day and counterparts ("/?from=…&to=…&country=…"). */
  dashboard: string;
  /** The events its posts report now, if any (it was found to be one of them, or split). */
  now: { id: number; date: string | null; title: string }[];
}

/**
 * The dashboard's link for a day and counterparts, through the filters' own parser so that it
 * is a link the dashboard reads; a code it no longer knows is left out rather than break it.
 */
export function dashboardLink(date: string | null, countries: string[], organizations: string[]): string {
  const days = date ? { from: date, to: date } : {};
  for (const params of [{ ...days, country: countries, org: organizations }, { ...days, country: countries }, days]) {
    const parsed = parseFilters(params);
    if (parsed.ok) {
      const q = filtersToQuery(parsed.filters);
      return q ? `/?${q}` : '/';
    }
  }
  return '/';
}

/** Whether an event of this id exists (a cheap look, without its details). */
export async function eventExists(db: Kysely<Database>, id: number): Promise<boolean> {
  return (await db.selectFrom('events').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** A retired event id (see lib/load/event-ids.ts); null when the id was never an event's. */
export async function retiredEvent(db: Kysely<Database>, id: number): Promise<RetiredEvent | null> {
  const row = await db.selectFrom('retired_events').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const now = row.post_ids.length
    ? await db
        .selectFrom('events as e')
        .select(['e.id', 'e.date', 'e.title'])
        .where((eb) => eb.exists(eb.selectFrom('event_posts as ep').select(sql.lit(1).as('one')).whereRef('ep.event_id', '=', 'e.id').where('ep.post_id', 'in', row.post_ids)))
        .orderBy('e.id')
        .limit(20)
        .execute()
    : [];
  return {
    id: row.id,
    date: row.date,
    type: row.type,
    title: row.title,
    countries: row.countries,
    organizations: row.organizations,
    retiredAt: row.retired_at,
    dashboard: dashboardLink(row.date, row.countries, row.organizations),
    now,
  };
}

