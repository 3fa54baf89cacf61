import { eventDetail } from '@/db/queries/events';
import { getDb } from '@/lib/db';
import { badRequest, json, unavailable } from '@/lib/http';
import { isConnectionError } from '@/lib/route';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await ctx.params;
  if (!/^\d{1,9}$/.test(id)) return badRequest('id: must be a whole number');
  try {
    const event = await eventDetail(await getDb(), Number(id));
    return event ? json(event) : Response.json({ error: `no event ${id}` }, { status: 404 });
  } catch (err) {
    if (isConnectionError(err)) return unavailable(err);
    throw err;
  }
}
