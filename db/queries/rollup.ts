// Reads of rollup_monthly for the views it can answer exactly: filtered by date and by the
// default, one, or every event type, and nothing else. A range is answered from the whole
// months inside it plus the events of the part-months at its ends.
import type { Kysely } from 'kysely';
import type { Database } from '../types';
import { UNDATED_MONTH } from '../rollup';
import { EVENT_TYPES } from '@/lib/ingest/types';
import type { Filters } from '@/lib/filters';

export type RollupDim = 'events' | 'posts' | 'country' | 'org' | 'topic' | 'matrix';

/** The rollup's type set for these filters, or null when the rollup cannot answer them. */
export function rollupTset(f: Filters): string | null {
  if (f.country.length || f.region.length || f.org.length || f.topic.length || f.principal.length || f.lang || f.q) return null;
  if (!f.type.length) return 'contacts';
  if (f.type.length === 1) return f.type[0];
  if (f.type.length === EVENT_TYPES.length) return 'all';
  return null;
}

export interface RangePlan {
  /** Whole months from the rollup, first and last month (YYYY-MM-01); null bounds are open. */
  months: { from: string | null; to: string | null } | null;
  includeUndated: boolean;
  /** Part-months, answered from the events. */
  edges: { from: string; to: string }[];
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
function monthEnd(day: string): string {
  const d = new Date(`${monthStart(day)}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1, 0);
  return iso(d);
}
function shiftMonth(month: string, by: number): string {
  const d = new Date(`${month}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + by, 1);
  return iso(d);
}

export function planRange(from?: string, to?: string): RangePlan {
  if (!from && !to) return { months: { from: null, to: null }, includeUndated: true, edges: [] };
  if (from && to && monthStart(from) === monthStart(to) && !(from === monthStart(from) && to === monthEnd(to))) {
    return { months: null, includeUndated: false, edges: [{ from, to }] };
  }
  const edges: { from: string; to: string }[] = [];
  let mFrom: string | null = null;
  let mTo: string | null = null;
  if (from) {
    if (from === monthStart(from)) mFrom = from;
    else {
      edges.push({ from, to: monthEnd(from) });
      mFrom = shiftMonth(monthStart(from), 1);
    }
  }
  if (to) {
    if (to === monthEnd(to)) mTo = monthStart(to);
    else {
      edges.push({ from: monthStart(to), to });
      mTo = shiftMonth(monthStart(to), -1);
    }
  }
  const months = mFrom && mTo && mFrom > mTo ? null : { from: mFrom, to: mTo };
  return { months, includeUndated: false, edges };
}

/** Sum of n per code (or per month, with byMonth) over the plan's whole months. */
export async function rollupSums(
  db: Kysely<Database>,
  tsets: string[],
  dim: RollupDim,
  plan: RangePlan,
  opts: { byMonth?: boolean; byTset?: boolean } = {},
): Promise<{ code: string; month: string; tset: string; n: number }[]> {
  if (!plan.months) return [];
  const { from, to } = plan.months;
  let q = db.selectFrom('rollup_monthly').where('tset', 'in', tsets).where('dim', '=', dim);
  // Undated events sit in the first month of all; only an unbounded view counts them.
  if (from) q = q.where('month', '>=', from);
  else if (!plan.includeUndated) q = q.where('month', '>', UNDATED_MONTH);
  if (to) q = q.where('month', '<=', to);
  const groups: ('code' | 'month' | 'tset')[] = ['code', ...(opts.byMonth ? (['month'] as const) : []), ...(opts.byTset ? (['tset'] as const) : [])];
  const rows = await q
    .select((eb) => [
      'code',
      opts.byMonth ? eb.ref('month').as('month') : eb.val('').as('month'),
      opts.byTset ? eb.ref('tset').as('tset') : eb.val('').as('tset'),
      eb.fn.sum<number>('n').as('n'),
    ])
    .groupBy(groups)
    .execute();
  return rows.map((r) => ({ code: r.code, month: String(r.month), tset: String(r.tset), n: Number(r.n) }));
}
