import { countsByOrganization } from '@/db/queries/stats';
import { filteredRoute, intParam } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return filteredRoute(request, (db, f, p) => countsByOrganization(db, f, intParam(p, 'limit', 30, 1, 200)));
}
