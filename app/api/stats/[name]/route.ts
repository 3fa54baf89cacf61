// Every chart of the stats contract (lib/domain/api.ts STATS) at /api/stats/NAME, read as
// lib/server/stats.ts says.
import { isStatsName, STATS_NAMES } from '@/lib/domain/api';
import { filteredRoute } from '@/lib/server/route';
import { STATS_READS, type StatsRead } from '@/lib/server/stats';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, ctx: { params: Promise<{ name: string }> }): Promise<Response> {
  const { name } = await ctx.params;
  if (!isStatsName(name)) {
    return Response.json({ error: `no chart "${name.slice(0, 40)}": the charts are ${STATS_NAMES.join(', ')}` }, { status: 404 });
  }
  // Each chart's read gives its own answer; the route only passes it on as JSON.
  return filteredRoute(request, STATS_READS[name] as StatsRead<unknown>);
}
