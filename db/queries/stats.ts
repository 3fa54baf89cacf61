// The dashboard's aggregate reads. Days are the event days the posts give (Moscow calendar),
// counts are numbers of events matching the filters.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../types';
import type { Filters } from '@/lib/filters';
import { eventConditions } from './filter';

function matched(db: Kysely<Database>, f: Filters, omit?: { dates?: boolean }) {
  return db.selectFrom('events as e').where((eb) => eventConditions(eb, f, omit));
}

export interface Headline {
  contacts: number;
  countries: number;
  organizations: number;
  posts: number;
}

export interface HeadlineWithChange {
  current: Headline;
  /** The period of the same length just before, when the range is bounded; else null. */
  previous: Headline | null;
  range: { from: string | null; to: string | null };
  previousRange: { from: string; to: string } | null;
}

async function headlineFor(db: Kysely<Database>, f: Filters): Promise<Headline> {
  const ids = matched(db, f).select('e.id');
  const [events, countries, orgs, posts] = await Promise.all([
    matched(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('event_countries')
      .where('role', '=', 'counterpart')
      .where('event_id', 'in', ids)
      .select((eb) => eb.fn.count<number>('country').distinct().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('event_organizations')
      .where('role', '=', 'counterpart')
      .where('event_id', 'in', ids)
      .select((eb) => eb.fn.count<number>('org').distinct().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('event_posts')
      .where('event_id', 'in', ids)
      .select((eb) => eb.fn.count<number>('post_id').distinct().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { contacts: Number(events.n), countries: Number(countries.n), organizations: Number(orgs.n), posts: Number(posts.n) };
}

/** Headline numbers for the filters, and for the period of equal length before the range. */
export async function headline(db: Kysely<Database>, f: Filters): Promise<HeadlineWithChange> {
  const bounds = await dateBounds(db);
  const from = f.from ?? bounds.first;
  const to = f.to ?? bounds.last;
  const current = await headlineFor(db, f);
  if (!from || !to) return { current, previous: null, range: { from, to }, previousRange: null };
  const days = daysBetween(from, to) + 1;
  const previousRange = { from: addDays(from, -days), to: addDays(from, -1) };
  const previous = await headlineFor(db, { ...f, ...previousRange });
  return { current, previous, range: { from, to }, previousRange };
}

export interface DateBounds {
  first: string | null;
  last: string | null;
}

/** First and last event day in the whole database: relative presets count back from `last`. */
export async function dateBounds(db: Kysely<Database>): Promise<DateBounds> {
  const r = await db
    .selectFrom('events')
    .select((eb) => [eb.fn.min('date').as('first'), eb.fn.max('date').as('last')])
    .executeTakeFirstOrThrow();
  return { first: r.first ?? null, last: r.last ?? null };
}

export interface CodeCount {
  code: string;
  count: number;
}

/** Events per counterpart country, most first (ties by code). */
export async function countsByCountry(db: Kysely<Database>, f: Filters, limit = 30): Promise<CodeCount[]> {
  const rows = await db
    .selectFrom('event_countries as c')
    .where('c.role', '=', 'counterpart')
    .where('c.event_id', 'in', matched(db, f).select('e.id'))
    .groupBy('c.country')
    .select((eb) => [eb.ref('c.country').as('code'), eb.fn.countAll<number>().as('count')])
    .orderBy('count', 'desc')
    .orderBy('code')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ code: r.code.trim(), count: Number(r.count) }));
}

/** Events per counterpart organisation, most first. */
export async function countsByOrganization(db: Kysely<Database>, f: Filters, limit = 30): Promise<CodeCount[]> {
  const rows = await db
    .selectFrom('event_organizations as o')
    .where('o.role', '=', 'counterpart')
    .where('o.event_id', 'in', matched(db, f).select('e.id'))
    .groupBy('o.org')
    .select((eb) => [eb.ref('o.org').as('code'), eb.fn.countAll<number>().as('count')])
    .orderBy('count', 'desc')
    .orderBy('code')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ code: r.code, count: Number(r.count) }));
}

/** Events per topic, most first. */
export async function countsByTopic(db: Kysely<Database>, f: Filters, limit = 30): Promise<CodeCount[]> {
  const rows = await db
    .selectFrom('event_topics as t')
    .where('t.event_id', 'in', matched(db, f).select('e.id'))
    .groupBy('t.topic')
    .select((eb) => [eb.ref('t.topic').as('code'), eb.fn.countAll<number>().as('count')])
    .orderBy('count', 'desc')
    .orderBy('code')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ code: r.code, count: Number(r.count) }));
}

export type Bucket = 'day' | 'week' | 'month';

/** A bucket that gives a readable number of bars for a range of `days` days. */
export function bucketFor(days: number): Bucket {
  if (days <= 62) return 'day';
  if (days <= 730) return 'week';
  return 'month';
}

export interface TimeCount {
  /** First day of the bucket, YYYY-MM-DD (weeks start on Monday, ISO). */
  bucket: string;
  type: string;
  count: number;
}

/** Events per day, ISO week or month, and per type; undated events are left out. */
export async function countsOverTime(db: Kysely<Database>, f: Filters, bucket: Bucket): Promise<TimeCount[]> {
  const unit = sql.lit(bucket);
  const rows = await matched(db, f)
    .where('e.date', 'is not', null)
    .select((eb) => [
      sql<string>`to_char(date_trunc(${unit}, ${sql.ref('e.date')}), 'YYYY-MM-DD')`.as('bucket'),
      eb.ref('e.type').as('type'),
      eb.fn.countAll<number>().as('count'),
    ])
    .groupBy(['bucket', 'e.type'])
    .orderBy('bucket')
    .orderBy('type')
    .execute();
  return rows.map((r) => ({ bucket: r.bucket, type: r.type, count: Number(r.count) }));
}

export interface OverTime {
  bucket: Bucket;
  series: TimeCount[];
}

/** Events over time in the bucket that suits the filtered range (or the one asked for). */
export async function overTime(db: Kysely<Database>, f: Filters, bucket?: Bucket): Promise<OverTime> {
  if (!bucket) {
    const b = f.from && f.to ? { first: f.from, last: f.to } : await dateBounds(db);
    const from = f.from ?? b.first;
    const to = f.to ?? b.last;
    bucket = from && to ? bucketFor(daysBetween(from, to) + 1) : 'day';
  }
  return { bucket, series: await countsOverTime(db, f, bucket) };
}

export interface MatrixCell {
  country: string;
  topic: string;
  count: number;
}

/** Events per (counterpart country, topic) for the `limit` countries with most events. */
export async function countryTopicMatrix(db: Kysely<Database>, f: Filters, limit = 15): Promise<MatrixCell[]> {
  const top = (await countsByCountry(db, f, limit)).map((c) => c.code);
  if (!top.length) return [];
  const rows = await db
    .selectFrom('event_countries as c')
    .innerJoin('event_topics as t', 't.event_id', 'c.event_id')
    .where('c.role', '=', 'counterpart')
    .where('c.country', 'in', top)
    .where('c.event_id', 'in', matched(db, f).select('e.id'))
    .groupBy(['c.country', 't.topic'])
    .select((eb) => [eb.ref('c.country').as('country'), eb.ref('t.topic').as('topic'), eb.fn.countAll<number>().as('count')])
    .orderBy('country')
    .orderBy('topic')
    .execute();
  return rows.map((r) => ({ country: r.country.trim(), topic: r.topic, count: Number(r.count) }));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
