import { eventDetail, retiredEvent } from '@/db/queries/events';
import { badRequest, json } from '@/lib/server/http';
import { cachedRead, MAX_ID } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await ctx.params;
  if (!/^\d{1,10}$/.test(id) || Number(id) > MAX_ID) return badRequest(`id: must be a whole number from 0 to ${MAX_ID}`);
  return cachedRead(request, async (db) => {
    const event = await eventDetail(db, Number(id));
    if (event) return json(event);
    // An id a reparse or an edit retired is gone, not unknown: 410, and where to look instead.
    const gone = await retiredEvent(db, Number(id));
    if (gone) return Response.json({ error: `event ${id} no longer exists`, gone }, { status: 410 });
    return Response.json({ error: `no event ${id}` }, { status: 404 });
  });
}
