import { drawCard } from '@/lib/server/draw';
import { loadPreview } from '@/lib/weekly/preview';
import { filteredPngRoute } from '@/lib/server/picture-route';

export const dynamic = 'force-dynamic';

/** The preview picture of a dashboard view (Open Graph / Twitter card), for the same filters. */
export function GET(request: Request): Promise<Response> {
  return filteredPngRoute(
    request,
    (db, f) => loadPreview(db, f),
    ({ data, ctx }, signal) => drawCard({ data, ctx, size: 'wide' }, signal),
  );
}
