import { decodeCursor, eventsPage, MAX_PAGE, type Cursor } from '@/db/queries/events';
import { isCalendarDate } from '@/lib/domain/filters';
import { BadParam, filteredRoute, intParam, MAX_ID } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

// A cursor goes straight into a row comparison; one the database cannot cast (2023-02-30, an id
// past the integer range) would fail there instead of being refused here.
function readCursor(raw: string): Cursor {
  const cursor = decodeCursor(raw);
  if (!cursor || cursor.id > MAX_ID || (cursor.date !== null && !isCalendarDate(cursor.date, 1, 9999))) {
    throw new BadParam('cursor: not a cursor this API gave out');
  }
  return cursor;
}

export function GET(request: Request): Promise<Response> {
  return filteredRoute(request, (db, f, p) => {
    const raw = p.get('cursor');
    return eventsPage(db, f, raw ? readCursor(raw) : null, intParam(p, 'limit', 30, 1, MAX_PAGE));
  });
}
