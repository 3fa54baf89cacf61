import { eventsForExport } from '@/db/queries/export';
import { countryName } from '@/lib/domain/geo';
import { toCsv } from '@/lib/domain/csv';
import { filtersToQuery, parseFilters } from '@/lib/domain/filters';
import { badRequest, zodBadRequest } from '@/lib/server/http';
import { cachedRead } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

const HEADER = ['id', 'date', 'type', 'principal', 'venue', 'countries', 'country_names', 'organizations', 'mentioned_countries', 'people', 'topics', 'title', 'post_ids', 'post_langs', 'post_urls'];

export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  // Empty is unset, as for the filters.
  const format = params.get('format') || 'csv';
  if (format !== 'csv' && format !== 'json') return badRequest('format: must be csv or json');
  const parsed = parseFilters(params);
  if (!parsed.ok) return zodBadRequest(parsed.error);
  return cachedRead(request, async (db) => {
    const { events, truncated } = await eventsForExport(db, parsed.filters);
    const name = `sidelines-events${filtersToQuery(parsed.filters) ? '-filtered' : ''}.${format}`;
    const headers = {
      'Content-Disposition': `attachment; filename="${name}"`,
      'X-Truncated': String(truncated),
    };
    if (format === 'json') return Response.json({ filters: parsed.filters, truncated, events }, { headers });
    const counterpart = (xs: { code: string; role: string }[]) => xs.filter((x) => x.role === 'counterpart').map((x) => x.code);
    const rows = events.map((e) => [
      e.id,
      e.date,
      e.type,
      e.principal,
      e.venue,
      counterpart(e.countries).join(';'),
      counterpart(e.countries).map(countryName).join(';'),
      counterpart(e.organizations).join(';'),
      e.countries.filter((c) => c.role === 'mentioned').map((c) => c.code).join(';'),
      e.people.map((p) => p.name).join(';'),
      e.topics.join(';'),
      e.title,
      e.posts.map((p) => p.id).join(';'),
      e.posts.map((p) => p.lang).join(';'),
      e.posts.map((p) => p.url ?? '').filter(Boolean).join(';'),
    ]);
    return new Response(toCsv(HEADER, rows), { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' } });
  });
}
