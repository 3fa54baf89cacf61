import { headline } from '@/db/queries/stats';
import { filteredRoute } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return filteredRoute(request, (db, f) => headline(db, f));
}
