import { badRequest } from '@/lib/server/http';
import { CARD_SIZES, weeklyCardData, type CardSize } from '@/lib/weekly/card';
import { drawCard } from '@/lib/server/draw';
import { loadWeekly } from '@/lib/weekly/load';
import { filteredPngRoute } from '@/lib/server/picture-route';
import { parseWeek } from '@/lib/domain/calendar';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, ctx: { params: Promise<{ week: string }> }): Promise<Response> {
  const { week: code } = await ctx.params;
  const week = parseWeek(code);
  if (!week) return Response.json({ error: `week: "${code.slice(0, 20)}" is not an ISO week like 2023-W38` }, { status: 404 });
  const size = (new URL(request.url).searchParams.get('size') || 'wide') as CardSize;
  // Own keys only: `in` would take toString or __proto__ for a size.
  if (!Object.hasOwn(CARD_SIZES, size)) return badRequest('size: must be wide or square');
  return filteredPngRoute(
    request,
    (db, f) => loadWeekly(db, f, week),
    ({ summary, ctx: card }, signal) => drawCard({ data: weeklyCardData(summary), ctx: card, size }, signal),
  );
}
