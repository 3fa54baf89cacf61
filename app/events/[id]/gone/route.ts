// The permalink of an event that no longer exists: 410 Gone, with a link to the dashboard on its
// day and counterparts. A page of the app router can only answer 200 or 404 (Next.js fixes a
// page's status before its data is read), so /events/ID sends a retired id here, and this route
// handler, which sets its own status, answers it. A small page of its own, without scripts.
import { countryName } from '@/lib/domain/geo';
import { orgLabel } from '@/lib/domain/labels';
import { formatDay } from '@/lib/domain/calendar';
import { eventExists, retiredEvent, type RetiredEvent } from '@/db/queries/events';
import { cachedRead } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Stored text (a title) goes into the page as text, never as markup. */
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

function page(title: string, body: string, status: number): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(title)} · Sidelines</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2328}a{color:#0b57d0}.muted{color:#59636e}</style>
</head><body><main>${body}</main></body></html>`;
  return new Response(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

function gonePage(g: RetiredEvent): Response {
  const parties = [...g.countries.map(countryName), ...g.organizations.map((o) => orgLabel(o).en)];
  const what = [g.date ? formatDay(g.date) : 'undated', ...parties].join(' · ');
  const now = g.now.length
    ? `<p>Its posts now report:</p><ul>${g.now.map((e) => `<li><a href="/events/${e.id}">${escape(e.title)}</a>${e.date ? ` <span class="muted">(${escape(formatDay(e.date))})</span>` : ''}</li>`).join('')}</ul>`
    : '';
  return page(
    'Event no longer exists',
    `<p><a href="/">← Dashboard</a></p>
<h1>This event no longer exists</h1>
<p class="muted">Event ${g.id}, “${escape(g.title)}” (${escape(what)}), was removed when its posts were parsed again or edited.</p>
${now}<p><a href="${escape(g.dashboard)}" data-testid="gone-dashboard">${g.date || parties.length ? 'The dashboard on its day and counterparts' : 'The dashboard'}</a></p>`,
    410,
  );
}

export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await ctx.params;
  const missing = () => page('Event not found', `<p><a href="/">← Dashboard</a></p><h1>No such event</h1>`, 404);
  if (!/^\d{1,9}$/.test(id)) return missing();
  return cachedRead(request, async (db) => {
    const gone = await retiredEvent(db, Number(id));
    if (gone) return gonePage(gone);
    // An event that exists (again) is at its permalink.
    if (await eventExists(db, Number(id))) return Response.redirect(new URL(`/events/${id}`, request.url), 307);
    return missing();
  });
}
