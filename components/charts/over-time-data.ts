// Turns /api/stats/over-time's rows (bucket, type, count) into one row per bucket, with the empty
// buckets in between filled in so a quiet week shows as a gap and not as nothing. Where buckets
// begin and end and how they are written is the domain's (lib/domain/buckets.ts), shared with
// the server's picture of the chart.
import type { Bucket, TimeCount } from '@/components/data/stats';
import { EVENT_TYPES } from '@/lib/domain/events';
import { bucketStart, MAX_BARS, nextBucket } from '@/lib/domain/buckets';

export { bucketEnd, bucketLabel, bucketLongLabel, bucketStart, nextBucket, yearTicks } from '@/lib/domain/buckets';

export type OverTimeRow = { bucket: string; total: number } & Record<string, number | string>;

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
  for (let b = first; b <= last && rows.length < MAX_BARS; b = nextBucket(b, bucket)) {
    rows.push(byBucket.get(b) ?? { bucket: b, total: 0 });
  }
  for (const r of rows) for (const t of types) r[t] ??= 0;
  return { rows, types };
}
