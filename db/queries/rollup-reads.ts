// Reads of rollup_monthly for the views it can answer exactly: filtered by date, by any set of
// event types, and by at most one counterpart country, organisation or topic (the rollup's
// facets). A range is answered from the whole years inside it, then the whole months, then the
// events of the part-months at its ends.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../types';
import { UNDATED_MONTH } from '../rollup-refresh';
import { effectiveTypes, filterIsSet, ROLLUP_FILTER_KEYS, type Filters } from '@/lib/domain/filters';

export type RollupDim = 'events' | 'posts' | 'country' | 'org' | 'topic' | 'matrix';

export interface RollupView {
  /** '' for every event, or 'country:CN', 'org:UN', 'topic:energy'. */
  facet: string;
  /** The event types summed. */
  types: string[];
}

const ROLLUP_KEYS: ReadonlySet<string> = new Set(ROLLUP_FILTER_KEYS);

/**
 * How the rollup answers these filters, or null when it cannot: any filter set that is not one
 * of the rollup's (lib/domain/filters.ts ROLLUP_FILTER_KEYS), whatever its name, sends the read to the
 * events.
 */
export function rollupView(f: Filters): RollupView | null {
  for (const [key, value] of Object.entries(f)) if (!ROLLUP_KEYS.has(key) && filterIsSet(value)) return null;
  const faceted = [
    ...f.country.map((c) => `country:${c}`),
    ...f.org.map((o) => `org:${o}`),
    ...f.topic.map((t) => `topic:${t}`),
  ];
  if (faceted.length > 1) return null;
  return { facet: faceted[0] ?? '', types: effectiveTypes(f) };
}

type Span = { from: string | null; to: string | null };

export interface RangePlan {
  /** Whole years (YYYY-01-01), null bounds open; null when there are none. */
  years: Span | null;
  /** Whole months (YYYY-MM-01) outside those years; null bounds open. */
  months: Span[];
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
const yearOf = (month: string) => Number(month.slice(0, 4));
const jan = (year: number) => `${String(year).padStart(4, '0')}-01-01`;
const dec = (year: number) => `${String(year).padStart(4, '0')}-12-01`;

/** Splits a range into whole years, whole months and part-months (`years: false` keeps months). */
export function planRange(from?: string, to?: string, opts: { years?: boolean } = {}): RangePlan {
  const useYears = opts.years !== false;
  if (!from && !to) {
    return useYears
      ? { years: { from: null, to: null }, months: [], includeUndated: true, edges: [] }
      : { years: null, months: [{ from: null, to: null }], includeUndated: true, edges: [] };
  }
  if (from && to && monthStart(from) === monthStart(to) && !(from === monthStart(from) && to === monthEnd(to))) {
    return { years: null, months: [], includeUndated: false, edges: [{ from, to }] };
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
  if (mFrom && mTo && mFrom > mTo) return { years: null, months: [], includeUndated: false, edges };
  if (!useYears) return { years: null, months: [{ from: mFrom, to: mTo }], includeUndated: false, edges };
  // The whole years inside [mFrom, mTo]; the months either side of them.
  const yFrom = mFrom === null ? null : mFrom.endsWith('-01-01') ? yearOf(mFrom) : yearOf(mFrom) + 1;
  const yTo = mTo === null ? null : mTo.slice(5, 7) === '12' ? yearOf(mTo) : yearOf(mTo) - 1;
  if (yFrom !== null && yTo !== null && yFrom > yTo) return { years: null, months: [{ from: mFrom, to: mTo }], includeUndated: false, edges };
  const months: Span[] = [];
  if (mFrom !== null && yFrom !== null && mFrom < jan(yFrom)) months.push({ from: mFrom, to: shiftMonth(jan(yFrom), -1) });
  if (mTo !== null && yTo !== null && mTo > dec(yTo)) months.push({ from: jan(yTo + 1), to: mTo });
  return { years: { from: yFrom === null ? null : jan(yFrom), to: yTo === null ? null : jan(yTo) }, months, includeUndated: false, edges };
}

/** The days of a span of whole months (bounded: only a view with no bounds has open spans). */
export function monthSpanDays(s: Span): { from?: string; to?: string } {
  return { from: s.from ?? undefined, to: s.to ? monthEnd(s.to) : undefined };
}

/** Sum of n per code (and per month, per type set) over the plan's whole years and months. */
export async function rollupSums(
  db: Kysely<Database>,
  view: { facet: string; tsets: string[] },
  dim: RollupDim,
  plan: RangePlan,
  opts: { byMonth?: boolean; byTset?: boolean; codeHeads?: string[] } = {},
): Promise<{ code: string; month: string; tset: string; n: number }[]> {
  if (!plan.years && !plan.months.length) return [];
  // Undated events sit in the first month and year of all; only an unbounded view counts them.
  const within = (span: 'month' | 'year', s: Span) =>
    sql`(span = ${span} and month >= ${s.from ?? (plan.includeUndated ? UNDATED_MONTH : '0001-01-02')}::date and month <= ${s.to ?? '9999-12-31'}::date)`;
  const spans = [...(plan.years ? [within('year', plan.years)] : []), ...plan.months.map((m) => within('month', m))];
  let q = db
    .selectFrom('rollup_monthly')
    .where('facet', '=', view.facet)
    .where('dim', '=', dim)
    // Posts are kept by the set of types each reports: those whose set meets the view's.
    .where((eb) => (dim === 'posts' ? sql<boolean>`string_to_array(tset, ',') && ${view.tsets}::text[]` : eb('tset', 'in', view.tsets)))
    .where(sql<boolean>`(${sql.join(spans, sql` or `)})`);
  // Codes made of parts ('CN|energy'), kept to those whose first part is one of these.
  if (opts.codeHeads) q = q.where(sql<string>`split_part(code, '|', 1)`, 'in', opts.codeHeads);
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
