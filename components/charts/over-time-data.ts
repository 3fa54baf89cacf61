// Turns /api/stats/over-time's rows (bucket, type, count) into one row per bucket, with the empty
// buckets in between filled in so a quiet week shows as a gap and not as nothing.
import type { Bucket, TimeCount } from '@/components/data/stats';
import { EVENT_TYPES } from '@/lib/domain/events';
import { addDays, addMonths, formatDate, formatDayMonth, formatMonth } from '@/lib/domain/calendar';

export type OverTimeRow = { bucket: string; total: number } & Record<string, number | string>;

export function bucketStart(day: string, bucket: Bucket): string {
  if (bucket === 'day') return day;
  if (bucket === 'month') return `${day.slice(0, 7)}-01`;
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((wd + 6) % 7)); // ISO weeks start on Monday
}

export function nextBucket(start: string, bucket: Bucket): string {
  if (bucket === 'day') return addDays(start, 1);
  if (bucket === 'week') return addDays(start, 7);
  return addMonths(start, 1);
}

/** Last day of a bucket, for the date range a click on it selects. */
export function bucketEnd(start: string, bucket: Bucket): string {
  return addDays(nextBucket(start, bucket), -1);
}

const MAX_BUCKETS = 400;

export function pivotOverTime(series: TimeCount[], bucket: Bucket, range?: { from?: string | null; to?: string | null }): { rows: OverTimeRow[]; types: string[] } {
  const types = EVENT_TYPES.filter((t) => series.some((s) => s.type === t));
  const byBucket = new Map<string, OverTimeRow>();
  for (const s of series) {
    const row = byBucket.get(s.bucket) ?? { bucket: s.bucket, total: 0 };
    row[s.type] = ((row[s.type] as number | undefined) ?? 0) + s.count;
    row.total += s.count;
    byBucket.set(s.bucket, row);
  }
  const known = [...byBucket.keys()].sort();
  let first = known[0];
  let last = known[known.length - 1];
  if (first === undefined || last === undefined) return { rows: [], types };
  if (range?.from && range.from < first) first = bucketStart(range.from, bucket);
  if (range?.to && range.to > last) last = bucketStart(range.to, bucket);
  const rows: OverTimeRow[] = [];
  for (let b = first; b <= last && rows.length < MAX_BUCKETS; b = nextBucket(b, bucket)) {
    rows.push(byBucket.get(b) ?? { bucket: b, total: 0 });
  }
  for (const r of rows) for (const t of types) r[t] ??= 0;
  return { rows, types };
}

export function bucketLabel(start: string, bucket: Bucket): string {
  if (bucket === 'day') return formatDayMonth(start);
  if (bucket === 'week') return `w/c ${formatDayMonth(start)}`;
  return formatMonth(start);
}

export function bucketLongLabel(start: string, bucket: Bucket): string {
  if (bucket === 'day') return formatDate(start);
  if (bucket === 'week') return `Week of ${formatDate(start)}`;
  return formatMonth(start);
}
