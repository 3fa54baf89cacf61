import { eventDetail } from '@/db/queries/events';
import { badRequest, json } from '@/lib/http';
import { cachedRead } from '@/lib/route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await ctx.params;
  if (!/^\d{1,9}$/.test(id)) return badRequest('id: must be a whole number');
  return cachedRead(request, async (db) => {
    const event = await eventDetail(db, Number(id));
    return event ? json(event) : Response.json({ error: `no event ${id}` }, { status: 404 });
  });
}
