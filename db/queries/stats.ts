// The dashboard's aggregate reads. Days are the event days the posts give (Moscow calendar),
// counts are numbers of events matching the filters.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../types';
import { viewSpanDays } from '@/lib/domain/api';
import { bucketStart, shownBucket } from '@/lib/domain/buckets';
import { addDays, daysBetween } from '@/lib/domain/calendar';
import type { Filters } from '@/lib/domain/filters';
import { eventConditions } from './filter';
import { monthSpanDays, planRange, rollupSums, rollupView } from './rollup-reads';
import type { Bucket, CodeCount, DateBounds, Headline, HeadlineWithChange, MatrixCell, OverTime, TimeCount } from '@/lib/domain/api';

export type { Bucket, CodeCount, DateBounds, Headline, HeadlineWithChange, MatrixCell, OverTime, TimeCount };

function matched(db: Kysely<Database>, f: Filters, omit?: { dates?: boolean }) {
  return db.selectFrom('events as e').where((eb) => eventConditions(eb, f, omit));
}


async function rawHeadlineFor(db: Kysely<Database>, f: Filters): Promise<Headline> {
  // One statement: the matching events are found once, and each count reads them.
  const r = await db
    .with(
      (cte) => cte('m').materialized(),
      (qc) => qc.selectFrom('events as e').where((eb) => eventConditions(eb, f)).select('e.id'),
    )
    .selectNoFrom((eb) => [
      eb.selectFrom('m').select((c) => c.fn.countAll<number>().as('n')).as('contacts'),
      eb
        .selectFrom('event_countries')
        .where('role', '=', 'counterpart')
        .where('event_id', 'in', eb.selectFrom('m').select('m.id'))
        .select((c) => c.fn.count<number>('country').distinct().as('n'))
        .as('countries'),
      eb
        .selectFrom('event_organizations')
        .where('role', '=', 'counterpart')
        .where('event_id', 'in', eb.selectFrom('m').select('m.id'))
        .select((c) => c.fn.count<number>('org').distinct().as('n'))
        .as('organizations'),
      eb
        .selectFrom('event_posts')
        .where('event_id', 'in', eb.selectFrom('m').select('m.id'))
        .select((c) => c.fn.count<number>('post_id').distinct().as('n'))
        .as('posts'),
    ])
    .executeTakeFirstOrThrow();
  return { contacts: Number(r.contacts), countries: Number(r.countries), organizations: Number(r.organizations), posts: Number(r.posts) };
}

async function headlineFor(db: Kysely<Database>, f: Filters): Promise<Headline> {
  const view = rollupView(f);
  if (!view) return rawHeadlineFor(db, f);
  const plan = planRange(f.from, f.to);
  const keyed = { facet: view.facet, tsets: view.types };
  const [events, countries, orgs, posts] = await Promise.all([
    rollupSums(db, keyed, 'events', plan),
    rollupSums(db, keyed, 'country', plan),
    rollupSums(db, keyed, 'org', plan),
    rollupSums(db, keyed, 'posts', plan),
  ]);
  const sum = (rows: { n: number }[]) => rows.reduce((a, r) => a + r.n, 0);
  const h = { contacts: sum(events), posts: sum(posts) };
  const countrySet = new Set(countries.filter((r) => r.n > 0).map((r) => r.code));
  const orgSet = new Set(orgs.filter((r) => r.n > 0).map((r) => r.code));
  for (const edge of plan.edges) {
    const ef = { ...f, ...edge };
    const [eh, ec, eo] = await Promise.all([rawHeadlineFor(db, ef), rawCountsByCountry(db, ef, 10_000), rawCountsByOrganization(db, ef, 10_000)]);
    h.contacts += eh.contacts;
    // A post that reports events on both sides of a month boundary counts on each side.
    h.posts += eh.posts;
    for (const c of ec) countrySet.add(c.code);
    for (const o of eo) orgSet.add(o.code);
  }
  return { contacts: h.contacts, countries: countrySet.size, organizations: orgSet.size, posts: h.posts };
}

/** Headline numbers for the filters, and for the period of equal length before the range. */
export async function headline(db: Kysely<Database>, f: Filters): Promise<HeadlineWithChange> {
  const bounds = await dateBounds(db);
  const from = f.from ?? bounds.first;
  const to = f.to ?? bounds.last;
  if (!from || !to) return { current: await headlineFor(db, f), previous: null, range: { from, to }, previousRange: null };
  const days = daysBetween(from, to) + 1;
  const previousRange = { from: addDays(from, -days), to: addDays(from, -1) };
  // A period that begins before the first event is no period to compare with: "+45 vs the 16
  // years before the data" says nothing.
  if (!bounds.first || previousRange.from < bounds.first) {
    return { current: await headlineFor(db, f), previous: null, range: { from, to }, previousRange: null };
  }
  const [current, previous] = await Promise.all([headlineFor(db, f), headlineFor(db, { ...f, ...previousRange })]);
  return { current, previous, range: { from, to }, previousRange };
}

/** First and last event day in the whole database: relative presets count back from `last`. */
export async function dateBounds(db: Kysely<Database>): Promise<DateBounds> {
  const r = await db
    .selectFrom('events')
    .select((eb) => [eb.fn.min('date').as('first'), eb.fn.max('date').as('last')])
    .executeTakeFirstOrThrow();
  return { first: r.first ?? null, last: r.last ?? null };
}

type CodeDim = 'country' | 'org' | 'topic';

/** Counts per code from the rollup where it can answer, else from the events. */
async function codeCounts(db: Kysely<Database>, f: Filters, dim: CodeDim, limit: number): Promise<CodeCount[]> {
  const raw = { country: rawCountsByCountry, org: rawCountsByOrganization, topic: rawCountsByTopic }[dim];
  const view = rollupView(f);
  if (!view) return raw(db, f, limit);
  const plan = planRange(f.from, f.to);
  const sums = new Map<string, number>();
  for (const r of await rollupSums(db, { facet: view.facet, tsets: view.types }, dim, plan)) sums.set(r.code, (sums.get(r.code) ?? 0) + r.n);
  for (const edge of plan.edges) {
    for (const r of await raw(db, { ...f, ...edge }, 10_000)) sums.set(r.code, (sums.get(r.code) ?? 0) + r.count);
  }
  return [...sums]
    .filter(([, n]) => n > 0)
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .slice(0, limit);
}

/** Events per counterpart country, most first (ties by code). */
export function countsByCountry(db: Kysely<Database>, f: Filters, limit = 30): Promise<CodeCount[]> {
  return codeCounts(db, f, 'country', limit);
}

/** Events per counterpart organisation, most first. */
export function countsByOrganization(db: Kysely<Database>, f: Filters, limit = 30): Promise<CodeCount[]> {
  return codeCounts(db, f, 'org', limit);
}

/** Events per topic, most first. */
export function countsByTopic(db: Kysely<Database>, f: Filters, limit = 30): Promise<CodeCount[]> {
  return codeCounts(db, f, 'topic', limit);
}

async function rawCountsByCountry(db: Kysely<Database>, f: Filters, limit = 30): Promise<CodeCount[]> {
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

async function rawCountsByOrganization(db: Kysely<Database>, f: Filters, limit = 30): Promise<CodeCount[]> {
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

async function rawCountsByTopic(db: Kysely<Database>, f: Filters, limit = 30): Promise<CodeCount[]> {
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

/** Events per principal (the Russian side), most first: the filter list's counts. */
export async function countsByPrincipal(db: Kysely<Database>, f: Filters, limit = 100): Promise<CodeCount[]> {
  const rows = await matched(db, f)
    .where('e.principal', 'is not', null)
    .groupBy('e.principal')
    .select((eb) => [eb.ref('e.principal').as('code'), eb.fn.countAll<number>().as('count')])
    .orderBy('count', 'desc')
    .orderBy('code')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ code: r.code ?? '', count: Number(r.count) }));
}

/** The buckets the rollup can answer: its months, added up to quarters and years. */
const ROLLUP_BUCKETS: ReadonlySet<Bucket> = new Set(['month', 'quarter', 'year']);

/**
 * Events per day, ISO week (from Monday), month, quarter or year, and per type, each bucket named
 * by its first day (YYYY-MM-DD); undated events are left out.
 */
export async function countsOverTime(db: Kysely<Database>, f: Filters, bucket: Bucket): Promise<TimeCount[]> {
  const view = rollupView(f);
  if (!ROLLUP_BUCKETS.has(bucket) || !view) return rawCountsOverTime(db, f, bucket);
  // Years are read from the rollup's rows of whole years when the bars are years; months and
  // quarters add up its months.
  const plan = { ...planRange(f.from, f.to, { years: bucket === 'year' }), includeUndated: false };
  const sums = new Map<string, number>();
  const add = (bucketDay: string, type: string, n: number) => sums.set(`${bucketDay}|${type}`, (sums.get(`${bucketDay}|${type}`) ?? 0) + n);
  for (const r of await rollupSums(db, { facet: view.facet, tsets: view.types }, 'events', plan, { byMonth: true, byTset: true })) add(bucketStart(r.month, bucket), r.tset, r.n);
  for (const edge of plan.edges) for (const r of await rawCountsOverTime(db, { ...f, ...edge }, bucket)) add(r.bucket, r.type, r.count);
  return [...sums]
    .filter(([, n]) => n > 0)
    .map(([k, count]) => {
      const [b = '', type = ''] = k.split('|');
      return { bucket: b, type, count };
    })
    .sort((a, b) => (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
}

async function rawCountsOverTime(db: Kysely<Database>, f: Filters, bucket: Bucket): Promise<TimeCount[]> {
  // A unit of the Bucket type only ('day' ... 'year'), each one of date_trunc's own.
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

/** Events over time in the bucket asked for, or in the one that suits the filtered range (lib/domain/buckets.ts autoBucket). */
export async function overTime(db: Kysely<Database>, f: Filters, bucket?: Bucket): Promise<OverTime> {
  if (!bucket) {
    const b = f.from && f.to ? { first: f.from, last: f.to } : await dateBounds(db);
    bucket = shownBucket(undefined, viewSpanDays(f, b)).bucket;
  }
  return { bucket, series: await countsOverTime(db, f, bucket) };
}

/** Events per (counterpart country, topic) for the `limit` countries with most events. */
export async function countryTopicMatrix(db: Kysely<Database>, f: Filters, limit = 15): Promise<MatrixCell[]> {
  const view = rollupView(f);
  if (!view) return rawMatrix(db, f, { limit });
  const top = (await countsByCountry(db, f, limit)).map((c) => c.code);
  if (!top.length) return [];
  const plan = planRange(f.from, f.to);
  // The rollup keeps the matrix of all events and of each organisation's by month; that of each
  // country's and topic's by whole year only, so their months are counted from the events.
  const byMonth = view.facet === '' || view.facet.startsWith('org:');
  const rollupPlan = byMonth ? plan : { ...plan, months: [] };
  const rest = [...plan.edges, ...(byMonth ? [] : plan.months.map(monthSpanDays))];
  const sums = new Map<string, number>();
  for (const r of await rollupSums(db, { facet: view.facet, tsets: view.types }, 'matrix', rollupPlan, { codeHeads: top })) {
    sums.set(r.code, (sums.get(r.code) ?? 0) + r.n);
  }
  for (const range of rest) {
    for (const c of await rawMatrix(db, { ...f, from: range.from, to: range.to }, top)) sums.set(`${c.country}|${c.topic}`, (sums.get(`${c.country}|${c.topic}`) ?? 0) + c.count);
  }
  return [...sums]
    .filter(([, n]) => n > 0)
    .map(([k, count]) => ({ country: k.slice(0, 2), topic: k.slice(3), count }))
    .sort((a, b) => (a.country < b.country ? -1 : a.country > b.country ? 1 : a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
}

/**
 * Events per (country, topic) for the countries given, or for the `limit` countries with most
 * events, found in the same statement: either way the matching events are found once.
 */
async function rawMatrix(db: Kysely<Database>, f: Filters, top: string[] | { limit: number }): Promise<MatrixCell[]> {
  const rows = await db
    .with(
      (cte) => cte('m').materialized(),
      (qc) => qc.selectFrom('events as e').where((eb) => eventConditions(eb, f)).select('e.id'),
    )
    .with('top', (qc) =>
      Array.isArray(top)
        ? qc.selectNoFrom(sql<string>`unnest(${top}::char(2)[])`.as('country'))
        : qc
            .selectFrom('event_countries as c')
            .where('c.role', '=', 'counterpart')
            .where('c.event_id', 'in', qc.selectFrom('m').select('m.id'))
            .groupBy('c.country')
            .select('c.country')
            .orderBy((eb) => eb.fn.countAll(), 'desc')
            .orderBy('c.country')
            .limit(top.limit),
    )
    .selectFrom('event_countries as c')
    .innerJoin('event_topics as t', 't.event_id', 'c.event_id')
    .where('c.role', '=', 'counterpart')
    .where('c.country', 'in', (eb) => eb.selectFrom('top').select('top.country'))
    .where('c.event_id', 'in', (eb) => eb.selectFrom('m').select('m.id'))
    .groupBy(['c.country', 't.topic'])
    .select((eb) => [eb.ref('c.country').as('country'), eb.ref('t.topic').as('topic'), eb.fn.countAll<number>().as('count')])
    .orderBy('country')
    .orderBy('topic')
    .execute();
  return rows.map((r) => ({ country: r.country.trim(), topic: r.topic, count: Number(r.count) }));
}

/** The same reads straight from the events, bypassing the rollup (to check it against). */
export const fromEvents = {
  headline: rawHeadlineFor,
  countsByCountry: rawCountsByCountry,
  countsByOrganization: rawCountsByOrganization,
  countsByTopic: rawCountsByTopic,
  countsOverTime: rawCountsOverTime,
  matrix: rawMatrix,
};
