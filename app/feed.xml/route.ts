import { feedEvents } from '@/db/queries/feed';
import { parseFilters } from '@/lib/domain/filters';
import { atomFeed, FEED_LIMIT, FEED_TYPE } from '@/lib/server/feed';
import { badRequest, zodBadRequest } from '@/lib/server/http';
import { BadParam, cachedRead, intParam } from '@/lib/server/route';
import { withSearch } from '@/lib/server/search';
import { siteUrl } from '@/lib/server/site-url';

export const dynamic = 'force-dynamic';

/** /feed.xml?<dashboard filters>&limit=N: an Atom feed of the newest matching events. */
export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const parsed = parseFilters(params);
  if (!parsed.ok) return zodBadRequest(parsed.error);
  let limit: number;
  try {
    limit = intParam(params, 'limit', FEED_LIMIT.default, 1, FEED_LIMIT.max);
  } catch (err) {
    if (err instanceof BadParam) return badRequest(err.message);
    throw err;
  }
  return cachedRead(request, async (db) => {
    const events = await feedEvents(db, withSearch(parsed.filters), limit);
    return new Response(atomFeed(events, parsed.filters, siteUrl(request.headers)), {
      headers: { 'Content-Type': `${FEED_TYPE}; charset=utf-8`, 'Cache-Control': 'public, max-age=300' },
    });
  });
}
