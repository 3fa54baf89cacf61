import { countryTopicMatrix } from '@/db/queries/stats';
import { filteredRoute, intParam } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return filteredRoute(request, (db, f, p) => countryTopicMatrix(db, f, intParam(p, 'limit', 15, 1, 50)));
}
