import { getDb } from '@/lib/db';
import { parseFilters } from '@/lib/filters';
import { badRequest, unavailable, zodBadRequest } from '@/lib/http';
import { isConnectionError } from '@/lib/route';
import { CARD_SIZES, renderWeeklyPng, type CardSize } from '@/lib/weekly/card';
import { loadWeekly } from '@/lib/weekly/load';
import { parseWeek } from '@/lib/week';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, ctx: { params: Promise<{ week: string }> }): Promise<Response> {
  const { week: code } = await ctx.params;
  const week = parseWeek(code);
  if (!week) return Response.json({ error: `week: "${code.slice(0, 20)}" is not an ISO week like 2023-W38` }, { status: 404 });
  const params = new URL(request.url).searchParams;
  const size = (params.get('size') ?? 'wide') as CardSize;
  if (!(size in CARD_SIZES)) return badRequest('size: must be wide or square');
  const parsed = parseFilters(params);
  if (!parsed.ok) return zodBadRequest(parsed.error);
  try {
    const { summary, ctx: card } = await loadWeekly(await getDb(), parsed.filters, week);
    const png = await renderWeeklyPng(summary, card, size);
    return new Response(new Uint8Array(png), {
      headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=300', 'Content-Length': String(png.length) },
    });
  } catch (err) {
    if (isConnectionError(err)) return unavailable(err);
    throw err;
  }
}
