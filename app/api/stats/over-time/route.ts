import { bucketFor, countsOverTime, dateBounds, daysBetween, type Bucket } from '@/db/queries/stats';
import { BadParam, filteredRoute } from '@/lib/route';

export const dynamic = 'force-dynamic';

const BUCKETS: Bucket[] = ['day', 'week', 'month'];

export function GET(request: Request): Promise<Response> {
  return filteredRoute(request, async (db, f, p) => {
    let bucket = p.get('bucket') as Bucket | null;
    if (bucket !== null && !BUCKETS.includes(bucket)) throw new BadParam(`bucket: must be one of ${BUCKETS.join(', ')}`);
    if (!bucket) {
      const b = await dateBounds(db);
      const from = f.from ?? b.first;
      const to = f.to ?? b.last;
      bucket = from && to ? bucketFor(daysBetween(from, to) + 1) : 'day';
    }
    return { bucket, series: await countsOverTime(db, f, bucket) };
  });
}
