// Keeps rollup_monthly in step with the events: the months a run touched are counted again from
// the events themselves, inside the run's transaction, so the rollup is never half-updated.
//
// A row counts, for one month, one event type and one facet, either events, distinct posts, or
// events per counterpart country, organisation, topic or (for all events) country × topic. The facet narrows the
// events counted to those of one counterpart country, organisation or topic ('country:CN',
// 'org:UN', 'topic:energy'; '' for all). Types add up, so a view sums the types it shows; the
// distinct posts do not, so they are kept for each type and the type sets 'contacts' and 'all',
// and for all events only (facet '').
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from './types';
import { CONTACT_TYPES } from '@/lib/ingest/types';

/** Month of undated events in the rollup. */
export const UNDATED_MONTH = '0001-01-01';

/** The rollup month of an event day ("2023-09-20" → "2023-09-01"), undated ones apart. */
export function monthOf(date: string | null): string {
  return date ? `${date.slice(0, 7)}-01` : UNDATED_MONTH;
}

/** The type sets an event of type `type` counts in: its own, 'all', and 'contacts' for contacts. */
function typeSets(type: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`lateral (select s.tset from (values (${type}), ('all'),
    (case when ${type} = any(${[...CONTACT_TYPES]}::text[]) then 'contacts' end)) as s(tset) where s.tset is not null) as s`;
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
  // Staged in temporary tables with statistics, so the joins below are planned on real sizes.
  await sql`drop table if exists rollup_ev, rollup_evf`.execute(db);
  await sql`
    create temp table rollup_ev on commit drop as
    select e.id, coalesce(date_trunc('month', e.date)::date, ${UNDATED_MONTH}::date) as month, e.type
    from events e
    where ${all} or coalesce(date_trunc('month', e.date)::date, ${UNDATED_MONTH}::date) = any(${list}::date[])`.execute(db);
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
  await sql`analyze rollup_ev, rollup_evf`.execute(db);
  await sql`
    insert into rollup_monthly (month, tset, facet, dim, code, n)
    select month, type, facet, 'events', '', count(*) from rollup_evf group by month, type, facet
    union all
    -- Distinct posts are counted for all events only: per facet they would be tens of millions
    -- of keys at a million posts.
    select month, tset, '', 'posts', '', count(*) from (
      select distinct ev.month, s.tset, ep.post_id
      from rollup_ev ev
      join event_posts ep on ep.event_id = ev.id
      cross join ${typeSets(sql.ref('ev.type'))}
    ) p group by month, tset
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
    -- The country × topic matrix of all events; a facet's is read from the country facets.
    select ev.month, ev.type, '', 'matrix', c.country::text || '|' || t.topic, count(*)
      from rollup_ev ev
      join event_countries c on c.event_id = ev.id and c.role = 'counterpart'
      join event_topics t on t.event_id = ev.id
      group by ev.month, ev.type, c.country, t.topic
    order by 3, 4, 2, 1, 5`.execute(db);
  await sql`drop table rollup_ev, rollup_evf`.execute(db);

  // Years: sums of their months, but for distinct posts, which are counted from the events.
  await sql`delete from rollup_monthly where span = 'year' and (${all} or month = any(${years}::date[]))`.execute(db);
  await sql`
    insert into rollup_monthly (month, tset, facet, dim, code, n, span)
    select date_trunc('year', month)::date, tset, facet, dim, code, sum(n), 'year'
    from rollup_monthly
    where span = 'month' and dim <> 'posts' and (${all} or date_trunc('year', month)::date = any(${years}::date[]))
    group by 1, tset, facet, dim, code
    union all
    select year, tset, '', 'posts', '', count(*), 'year' from (
      select distinct date_trunc('year', coalesce(e.date, ${UNDATED_MONTH}::date))::date as year, s.tset, ep.post_id
      from events e
      join event_posts ep on ep.event_id = e.id
      cross join ${typeSets(sql.ref('e.type'))}
      where (${all} or date_trunc('year', coalesce(e.date, ${UNDATED_MONTH}::date))::date = any(${years}::date[]))
    ) p group by year, tset
    order by 3, 4, 2, 1, 5`.execute(db);
}
