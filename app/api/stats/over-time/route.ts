import { overTime, type Bucket } from '@/db/queries/stats';
import { BadParam, filteredRoute } from '@/lib/route';

export const dynamic = 'force-dynamic';

const BUCKETS: Bucket[] = ['day', 'week', 'month'];

export function GET(request: Request): Promise<Response> {
  return filteredRoute(request, (db, f, p) => {
    const bucket = p.get('bucket');
    if (bucket !== null && !BUCKETS.includes(bucket as Bucket)) throw new BadParam(`bucket: must be one of ${BUCKETS.join(', ')}`);
    return overTime(db, f, (bucket as Bucket | null) ?? undefined);
  });
}
