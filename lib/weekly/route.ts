import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/db/types';
import { parseFilters, type Filters } from '@/lib/filters';
import { zodBadRequest } from '@/lib/http';
import { cachedReadThen, type AnswerMemo } from '@/lib/route';

/**
 * Pictures already drawn, by ETag (data version, path and query), most recently used last: a card
 * shared is asked for again and again (by every link preview of every post that shares it) and is
 * the same picture until the next ingest, which changes the ETag. At most 64 pictures or 32 MB.
 */
export class PictureMemo implements AnswerMemo {
  private readonly byEtag = new Map<string, { body: Uint8Array; headers: [string, string][] }>();
  private bytes = 0;
  hits = 0;
  constructor(
    private readonly maxEntries = 64,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  get size(): number {
    return this.byEtag.size;
  }

  get(etag: string): Response | undefined {
    const e = this.byEtag.get(etag);
    if (!e) return undefined;
    this.byEtag.delete(etag);
    this.byEtag.set(etag, e);
    this.hits++;
    return new Response(new Uint8Array(e.body), { headers: e.headers });
  }

  async set(etag: string, answer: Response): Promise<void> {
    const body = new Uint8Array(await answer.arrayBuffer());
    if (body.length > this.maxBytes || this.byEtag.has(etag)) return;
    this.byEtag.set(etag, { body, headers: [...answer.headers] });
    this.bytes += body.length;
    for (const [k, e] of this.byEtag) {
      if (this.byEtag.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.byEtag.delete(k);
      this.bytes -= e.body.length;
    }
  }
}

const globalForPictures = globalThis as unknown as { sidelinesPictures?: PictureMemo };

/** The process-wide memo of pictures drawn. */
export function pictureMemo(): PictureMemo {
  return (globalForPictures.sidelinesPictures ??= new PictureMemo());
}

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
    (db) => load(db, parsed.filters, params),
    async (data) => {
      const png = await draw(data, request.signal);
      return new Response(new Uint8Array(png), {
        headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=300', 'Content-Length': String(png.length) },
      });
    },
    pictureMemo(),
  );
}
