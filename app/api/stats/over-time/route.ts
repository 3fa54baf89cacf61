import { dateBounds, daysBetween, overTime, type Bucket } from '@/db/queries/stats';
import { BadParam, filteredRoute } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

const BUCKETS: Bucket[] = ['day', 'week', 'month'];

// The longest range each bucket may be asked for. A client fills in the empty buckets between,
// so what it handles grows with the range, not with the data: two years of days (732 buckets)
// or twenty years of weeks (~1,045) is as far as a chart or a table stays of use. Months always
// fit, as dates run from 1900 to 2100 (2,412 months).
const MAX_SPAN_DAYS: Record<Bucket, number> = { day: 2 * 366, week: 20 * 366, month: Infinity };

export function GET(request: Request): Promise<Response> {
  return filteredRoute(request, async (db, f, p) => {
    // Empty is unset, as for the filters: the bucket then suits the range.
    const bucket = p.get('bucket') || null;
    if (bucket === null) return overTime(db, f);
    if (!BUCKETS.includes(bucket as Bucket)) throw new BadParam(`bucket: must be one of ${BUCKETS.join(', ')}`);
    const max = MAX_SPAN_DAYS[bucket as Bucket];
    if (Number.isFinite(max)) {
      // An open end of the range is the first or last event day.
      const bounds = f.from && f.to ? null : await dateBounds(db);
      const from = f.from ?? bounds?.first;
      const to = f.to ?? bounds?.last;
      const days = from && to ? daysBetween(from, to) + 1 : 0;
      if (days > max) {
        throw new BadParam(`bucket: ${bucket} buckets cover at most ${max} days, and ${from} to ${to} is ${days}; narrow from/to or use a larger bucket`);
      }
    }
    return overTime(db, f, bucket as Bucket);
  });
}
