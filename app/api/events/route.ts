import { decodeCursor, eventsPage, MAX_PAGE } from '@/db/queries/events';
import { BadParam, filteredRoute, intParam } from '@/lib/route';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return filteredRoute(request, (db, f, p) => {
    const raw = p.get('cursor');
    const cursor = raw ? decodeCursor(raw) : null;
    if (raw && !cursor) throw new BadParam('cursor: not a cursor this API gave out');
    return eventsPage(db, f, cursor, intParam(p, 'limit', 30, 1, MAX_PAGE));
  });
}
