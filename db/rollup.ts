// Keeps rollup_monthly in step with the events: the months a run touched are counted again from
// the events themselves, inside the run's transaction, so the rollup is never half-updated.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './types';

/** Month of undated events in the rollup. */
export const UNDATED_MONTH = '0001-01-01';

/** The rollup month of an event day ("2023-09-20" → "2023-09-01"), undated ones apart. */
export function monthOf(date: string | null): string {
  return date ? `${date.slice(0, 7)}-01` : UNDATED_MONTH;
}

/** Counts the given months again (every month when `months` is null). */
export async function refreshRollup(db: Kysely<Database> | Transaction<Database>, months: string[] | null): Promise<void> {
  if (months && !months.length) return;
  const all = months === null;
  const list = months ?? [];
  await sql`delete from rollup_monthly where ${all} or month = any(${list}::date[])`.execute(db);
  await sql`
    with ev as (
      select e.id, coalesce(date_trunc('month', e.date)::date, ${UNDATED_MONTH}::date) as month, t.tset
      from events e
      cross join lateral (values (e.type), ('all'),
        (case when e.type in ('meeting', 'phone_call', 'multilateral') then 'contacts' end)) as t(tset)
      where t.tset is not null
        and (${all} or coalesce(date_trunc('month', e.date)::date, ${UNDATED_MONTH}::date) = any(${list}::date[]))
    )
    insert into rollup_monthly (month, tset, dim, code, n)
    select month, tset, 'events', '', count(*) from ev group by month, tset
    union all
    select ev.month, ev.tset, 'posts', '', count(distinct ep.post_id)
      from ev join event_posts ep on ep.event_id = ev.id group by ev.month, ev.tset
    union all
    select ev.month, ev.tset, 'country', c.country::text, count(*)
      from ev join event_countries c on c.event_id = ev.id and c.role = 'counterpart' group by ev.month, ev.tset, c.country
    union all
    select ev.month, ev.tset, 'org', o.org, count(*)
      from ev join event_organizations o on o.event_id = ev.id and o.role = 'counterpart' group by ev.month, ev.tset, o.org
    union all
    select ev.month, ev.tset, 'topic', t.topic, count(*)
      from ev join event_topics t on t.event_id = ev.id group by ev.month, ev.tset, t.topic
    union all
    select ev.month, ev.tset, 'matrix', c.country::text || '|' || t.topic, count(*)
      from ev
      join event_countries c on c.event_id = ev.id and c.role = 'counterpart'
      join event_topics t on t.event_id = ev.id
      group by ev.month, ev.tset, c.country, t.topic`.execute(db);
}
