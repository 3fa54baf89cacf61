import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/db/types';
import { parseFilters, type Filters } from '@/lib/domain/filters';
import { zodBadRequest } from '@/lib/server/http';
import { withSearch } from '@/lib/server/search';
import { memos } from '@/lib/server/memo';
import { cachedReadThen } from '@/lib/server/route';

/**
 * A PNG answer for filtered data: 400 on bad filters, 503 when the database is away or too many
 * wait. `load` reads in an admission slot; `draw` runs after the slot is given back, so that
 * pictures, which take far longer to draw than to read, never keep the API's reads waiting.
 */
export async function filteredPngRoute<T>(
  request: Request,
  load: (db: Kysely<Database>, f: Filters, params: URLSearchParams) => Promise<T>,
  draw: (data: T, signal: AbortSignal) => Promise<Buffer>,
): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const parsed = parseFilters(params);
  if (!parsed.ok) return zodBadRequest(parsed.error);
  return cachedReadThen(
    request,
    (db) => load(db, withSearch(parsed.filters), params),
    async (data) => {
      const png = await draw(data, request.signal);
      return new Response(new Uint8Array(png), {
        headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=300', 'Content-Length': String(png.length) },
      });
    },
    memos()?.pictures,
  );
}
