import { eventsForExport } from '@/db/queries/export';
import { countryName } from '@/lib/domain/geo';
import { toCsv } from '@/lib/domain/csv';
import { filtersToQuery, parseFilters } from '@/lib/domain/filters';
import { eventHeadline } from '@/lib/domain/event-text';
import { eventTypeLabel } from '@/lib/domain/events';
import { orgLabel, topicLabel } from '@/lib/domain/labels';
import { badRequest, zodBadRequest } from '@/lib/server/http';
import { siteUrl } from '@/lib/server/site-url';
import { cachedRead } from '@/lib/server/route';
import { withSearch } from '@/lib/server/search';

export const dynamic = 'force-dynamic';

// Codes for machines beside labels for people, and each event's permalink.
const HEADER = [
  'id',
  'permalink',
  'date',
  'type',
  'type_label',
  'principal',
  'venue',
  'countries',
  'country_names',
  'organizations',
  'organization_names',
  'mentioned_countries',
  'people',
  'topics',
  'topic_names',
  'title',
  'headline',
  'post_ids',
  'post_langs',
  'post_urls',
];

export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  // Empty is unset, as for the filters.
  const format = params.get('format') || 'csv';
  if (format !== 'csv' && format !== 'json') return badRequest('format: must be csv or json');
  const parsed = parseFilters(params);
  if (!parsed.ok) return zodBadRequest(parsed.error);
  return cachedRead(request, async (db) => {
    const { events, truncated } = await eventsForExport(db, withSearch(parsed.filters));
    const name = `sidelines-events${filtersToQuery(parsed.filters) ? '-filtered' : ''}.${format}`;
    const headers = {
      'Content-Disposition': `attachment; filename="${name}"`,
      'X-Truncated': String(truncated),
    };
    const site = siteUrl(request.headers);
    const permalink = (id: number) => new URL(`/events/${id}`, site).toString();
    const counterpart = (xs: { code: string; role: string }[]) => xs.filter((x) => x.role === 'counterpart').map((x) => x.code);
    if (format === 'json') {
      const labelled = events.map((e) => ({
        ...e,
        permalink: permalink(e.id),
        headline: eventHeadline(e),
        labels: {
          type: eventTypeLabel(e.type),
          countries: Object.fromEntries(e.countries.map((c) => [c.code, countryName(c.code)])),
          organizations: Object.fromEntries(e.organizations.map((o) => [o.code, orgLabel(o.code).en])),
          topics: Object.fromEntries(e.topics.map((t) => [t, topicLabel(t).en])),
        },
      }));
      return Response.json({ filters: parsed.filters, truncated, events: labelled }, { headers });
    }
    const rows = events.map((e) => [
      e.id,
      permalink(e.id),
      e.date,
      e.type,
      eventTypeLabel(e.type),
      e.principal,
      e.venue,
      counterpart(e.countries).join(';'),
      counterpart(e.countries).map(countryName).join(';'),
      counterpart(e.organizations).join(';'),
      counterpart(e.organizations).map((o) => orgLabel(o).en).join(';'),
      e.countries.filter((c) => c.role === 'mentioned').map((c) => c.code).join(';'),
      e.people.map((p) => p.name).join(';'),
      e.topics.join(';'),
      e.topics.map((t) => topicLabel(t).en).join(';'),
      e.title,
      eventHeadline(e),
      e.posts.map((p) => p.id).join(';'),
      e.posts.map((p) => p.lang).join(';'),
      e.posts.map((p) => p.url ?? '').filter(Boolean).join(';'),
    ]);
    return new Response(toCsv(HEADER, rows), { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' } });
  });
}
