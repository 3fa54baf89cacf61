import { renderCardPng } from '@/lib/weekly/card';
import { loadPreview } from '@/lib/weekly/preview';
import { filteredPngRoute } from '@/lib/weekly/route';

export const dynamic = 'force-dynamic';

/** The preview picture of a dashboard view (Open Graph / Twitter card), for the same filters. */
export function GET(request: Request): Promise<Response> {
  return filteredPngRoute(request, async (db, f) => {
    const { data, ctx } = await loadPreview(db, f);
    return renderCardPng(data, ctx, 'wide');
  });
}
