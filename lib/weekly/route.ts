import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/db/types';
import { parseFilters, type Filters } from '@/lib/filters';
import { zodBadRequest } from '@/lib/http';
import { cachedRead } from '@/lib/route';

/** A PNG answer for filtered data: 400 on bad filters, 503 when the database is away. */
export async function filteredPngRoute(request: Request, render: (db: Kysely<Database>, f: Filters, params: URLSearchParams) => Promise<Buffer>): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const parsed = parseFilters(params);
  if (!parsed.ok) return zodBadRequest(parsed.error);
  return cachedRead(request, async (db) => {
    const png = await render(db, parsed.filters, params);
    return new Response(new Uint8Array(png), {
      headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=300', 'Content-Length': String(png.length) },
    });
  });
}
