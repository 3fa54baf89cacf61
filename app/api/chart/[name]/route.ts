// A chart of the dashboard as a PNG, drawn on the server from its data: /api/chart/NAME?filters
// [&bucket=quarter][&theme=dark], NAME one of lib/weekly/chart.ts CHART_NAMES; the bucket is the
// over-time chart's.
import { badRequest } from '@/lib/server/http';
import { drawCard } from '@/lib/server/draw';
import { filteredPngRoute } from '@/lib/server/picture-route';
import { bucketParam } from '@/lib/server/stats';
import { CHART_NAMES, type ChartName, type Theme } from '@/lib/weekly/chart';
import { loadChart } from '@/lib/weekly/chart-load';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, ctx: { params: Promise<{ name: string }> }): Promise<Response> {
  const { name } = await ctx.params;
  if (!(CHART_NAMES as readonly string[]).includes(name)) {
    return Response.json({ error: `no chart "${name.slice(0, 40)}": the charts are ${CHART_NAMES.join(', ')}` }, { status: 404 });
  }
  const theme = new URL(request.url).searchParams.get('theme') || 'light';
  if (theme !== 'light' && theme !== 'dark') return badRequest('theme: must be light or dark');
  return filteredPngRoute(
    request,
    // The over-time picture's bars are those asked for, checked as /api/stats/over-time checks them.
    async (db, f, params) => loadChart(db, name as ChartName, f, name === 'over-time' ? { bucket: await bucketParam(db, f, params) } : {}),
    (picture, signal) => drawCard({ kind: 'chart', picture, theme: theme as Theme }, signal),
  );
}
