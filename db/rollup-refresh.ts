// Keeps rollup_monthly in step with the events: the months a run touched are counted again from
// the events themselves, inside the run's transaction, so the rollup is never half-updated.
//
// A row counts, for one month (or year), one event type and one facet, either events, distinct
// posts, or events per counterpart country, organisation, topic or country × topic. The facet narrows the
// events counted to those of one counterpart country, organisation or topic ('country:CN',
// 'org:UN', 'topic:energy'; '' for all). Types add up, so a view sums the types it shows; the
// distinct posts do not, so they are kept by the exact set of types each post reports.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from './types';

/** Month of undated events in the rollup. */
export const UNDATED_MONTH = '0001-01-01';

/** The rollup month of an event day ("2023-09-20" → "2023-09-01"), undated ones apart. */
export function monthOf(date: string | null): string {
  return date ? `${date.slice(0, 7)}-01` : UNDATED_MONTH;
}

/** Counts the given months, and the years they are in, again (every one when `months` is null). */
export async function refreshRollup(db: Kysely<Database> | Transaction<Database>, months: string[] | null): Promise<void> {
  if (months && !months.length) return;
  // The staging tables live as long as the transaction, on its one connection.
  if (!db.isTransaction) return db.transaction().execute((trx) => refreshRollup(trx, months));
  const all = months === null;
  const list = months ?? [];
  const years = [...new Set(list.map((m) => `${m.slice(0, 4)}-01-01`))];

  await sql`delete from rollup_monthly where span = 'month' and (${all} or month = any(${list}::date[]))`.execute(db);
  await stage(db, sql`coalesce(date_trunc('month', e.date)::date, ${UNDATED_MONTH}::date)`, all, list);
  await sql`
    insert into rollup_monthly (month, tset, facet, dim, code, n)
    select month, type, facet, 'events', '', count(*) from rollup_evf group by month, type, facet
    union all
    select f.month, f.type, f.facet, 'country', c.country::text, count(*)
      from rollup_evf f join event_countries c on c.event_id = f.id and c.role = 'counterpart'
      group by f.month, f.type, f.facet, c.country
    union all
    select f.month, f.type, f.facet, 'org', o.org, count(*)
      from rollup_evf f join event_organizations o on o.event_id = f.id and o.role = 'counterpart'
      group by f.month, f.type, f.facet, o.org
    union all
    select f.month, f.type, f.facet, 'topic', t.topic, count(*)
      from rollup_evf f join event_topics t on t.event_id = f.id
      group by f.month, f.type, f.facet, t.topic
    union all
    -- The country × topic matrix of all events and of each organisation's events (a country's
    -- and a topic's are kept for whole years, below).
    select f.month, f.type, f.facet, 'matrix', c.country::text || '|' || t.topic, count(*)
      from rollup_evf f
      join event_countries c on c.event_id = f.id and c.role = 'counterpart'
      join event_topics t on t.event_id = f.id
      where f.facet = '' or f.facet like 'org:%'
      group by f.month, f.type, f.facet, c.country, t.topic
    order by 3, 4, 2, 1, 5`.execute(db);
  await insertPosts(db, 'month');
  await sql`drop table rollup_ev, rollup_evf, rollup_pl`.execute(db);

  // Years: sums of their months, but for distinct posts, which are counted from the events.
  await sql`delete from rollup_monthly where span = 'year' and (${all} or month = any(${years}::date[]))`.execute(db);
  await sql`
    insert into rollup_monthly (month, tset, facet, dim, code, n, span)
    select date_trunc('year', month)::date, tset, facet, dim, code, sum(n), 'year'
    from rollup_monthly
    where span = 'month' and dim <> 'posts' and (${all} or date_trunc('year', month)::date = any(${years}::date[]))
    group by 1, tset, facet, dim, code
    order by 3, 4, 2, 1, 5`.execute(db);
  await stage(db, sql`date_trunc('year', coalesce(e.date, ${UNDATED_MONTH}::date))::date`, all, years);
  await insertPosts(db, 'year');
  // The matrix of each country's and topic's events, for whole years only: by month it would be
  // millions of rows, and the months of a view are few enough to count from the events.
  await sql`
    insert into rollup_monthly (month, tset, facet, dim, code, n, span)
    select f.month, f.type, f.facet, 'matrix', c.country::text || '|' || t.topic, count(*), 'year'
      from rollup_evf f
      join event_countries c on c.event_id = f.id and c.role = 'counterpart'
      join event_topics t on t.event_id = f.id
      where f.facet like 'country:%' or f.facet like 'topic:%'
      group by f.month, f.type, f.facet, c.country, t.topic
    order by 3, 2, 1, 5`.execute(db);
  await sql`drop table rollup_ev, rollup_evf, rollup_pl`.execute(db);
}

/**
 * Stages the events whose period (`period`, an expression of the events `e`) is among `periods`
 * (all when `all`) in temporary tables with statistics, so that the joins that count them are
 * planned on real sizes: the events (rollup_ev), each once per facet it counts in (rollup_evf),
 * and the posts that report them (rollup_pl), with the number of the staged events each reports.
 */
async function stage(db: Kysely<Database>, period: RawBuilder<unknown>, all: boolean, periods: string[]): Promise<void> {
  await sql`drop table if exists rollup_ev, rollup_evf, rollup_pl`.execute(db);
  await sql`
    create temp table rollup_ev on commit drop as
    select e.id, ${period} as month, e.type
    from events e
    where ${all} or ${period} = any(${periods}::date[])`.execute(db);
  await sql`
    create temp table rollup_evf on commit drop as
    select id, month, type, '' as facet from rollup_ev
    union all
    select ev.id, ev.month, ev.type, 'country:' || c.country::text
      from rollup_ev ev join event_countries c on c.event_id = ev.id and c.role = 'counterpart'
    union all
    select ev.id, ev.month, ev.type, 'org:' || o.org
      from rollup_ev ev join event_organizations o on o.event_id = ev.id and o.role = 'counterpart'
    union all
    select ev.id, ev.month, ev.type, 'topic:' || t.topic
      from rollup_ev ev join event_topics t on t.event_id = ev.id`.execute(db);
  await sql`
    create temp table rollup_pl on commit drop as
    select ep.post_id, ep.event_id, count(*) over (partition by ep.post_id) as k
    from rollup_ev ev join event_posts ep on ep.event_id = ev.id`.execute(db);
  await sql`analyze rollup_ev, rollup_evf, rollup_pl`.execute(db);
}

/**
 * Distinct posts per period and facet, by the set of event types each post reports there
 * ('meeting' or 'meeting,speech'): any set of types a view asks for is then the sum over the
 * type sets that meet it. Most posts report one event, and count once for it with no need to
 * tell them apart; only the posts that report several are grouped one by one.
 */
async function insertPosts(db: Kysely<Database>, span: 'month' | 'year'): Promise<void> {
  await sql`
    insert into rollup_monthly (month, tset, facet, dim, code, n, span)
    select month, tset, facet, 'posts', '', sum(n), ${span} from (
      select f.month, f.type as tset, f.facet, one.n
      from rollup_evf f
      join (select event_id, count(*) as n from rollup_pl where k = 1 group by event_id) one on one.event_id = f.id
      union all
      select month, tset, facet, count(*) from (
        select p.post_id, f.month, f.facet, string_agg(distinct f.type, ',' order by f.type) as tset
        from rollup_pl p join rollup_evf f on f.id = p.event_id
        where p.k > 1
        group by p.post_id, f.month, f.facet
      ) several group by month, tset, facet
    ) posts
    group by month, tset, facet
    order by 3, 1, 2`.execute(db);
}
