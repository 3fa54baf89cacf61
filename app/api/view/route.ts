// /api/view?<filters>&bucket=…: every chart the dashboard shows and the timeline's first page,
// in one answer (lib/domain/api.ts ViewAnswer). A filter click asks it once; the charts' own
// routes stay for everything else.
import { corpusSummary } from '@/db/queries/posts';
import { DASHBOARD_CHARTS, type ViewAnswer } from '@/lib/domain/api';
import { parseView } from '@/lib/domain/filters';
import { BadParam, filteredRoute } from '@/lib/server/route';
import { readView } from '@/lib/server/view';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return filteredRoute(request, async (db, f, params): Promise<ViewAnswer> => {
    const view = parseView(params);
    if (!view.ok) {
      const issue = view.error.issues[0];
      throw new BadParam(`${issue?.path.join('.') || 'view'}: ${issue?.message ?? 'invalid'}`);
    }
    const corpus = await corpusSummary(db);
    return readView(db, DASHBOARD_CHARTS, f, view.view, { first: corpus.firstDate, last: corpus.lastDate });
  });
}
