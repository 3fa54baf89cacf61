import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { eventDetail, retiredEvent } from '@/db/queries/events';
import { pageRead } from '@/lib/server/route';
import { EventDetailView } from '@/components/event/EventDetailView';
import { dashboardLink } from '@/db/queries/events';
import { dashboardHref, readFilters } from '@/components/data/url-filters';
import { eventHeadline } from '@/lib/domain/event-text';
import { DatabaseAway } from '../../DatabaseAway';

export const dynamic = 'force-dynamic';

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// One read per request, shared by the metadata and the page; admitted as the API's reads are.
// Where no event has the id, the same read asks whether one had it (a reparse or an edit retired it).
const load = cache(async (raw: string) => {
  if (!/^\d{1,9}$/.test(raw)) return { data: null };
  return pageRead(
    async (db) => (await eventDetail(db, Number(raw))) ?? ((await retiredEvent(db, Number(raw))) ? ('retired' as const) : null),
    `event/${Number(raw)}`,
  );
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const read = await load((await params).id);
  // Not indexed meanwhile: the page says the database is away, not what the event is.
  if ('away' in read) return { title: 'Event · Sidelines', robots: { index: false } };
  if (read.data === 'retired') return { title: 'Event no longer exists · Sidelines', robots: { index: false } };
  const event = read.data;
  if (!event) return { title: 'Event not found · Sidelines' };
  // Named by its facts, not its post's first sentence; shared, it unfurls into the picture of
  // its day with its counterparts.
  const title = `${eventHeadline(event)} · Sidelines`;
  const description = (event.summary || event.title).slice(0, 300);
  const view = dashboardLink(event.date, event.countries.filter((c) => c.role === 'counterpart').map((c) => c.code), event.organizations.filter((o) => o.role === 'counterpart').map((o) => o.code));
  const image = `/api/preview${view.slice(1)}`;
  return {
    title,
    description,
    openGraph: { title, description, type: 'article', images: [{ url: image, width: 1200, height: 675 }] },
    twitter: { card: 'summary_large_image', title, description, images: [image] },
  };
}

/** The dashboard view the reader came from (?back=…, as the timeline links it), checked as filters and view settings. */
function backHref(back: string | string[] | undefined): string {
  const q = Array.isArray(back) ? back[0] : back;
  if (!q) return '/';
  const read = readFilters(new URLSearchParams(q));
  return dashboardHref(read.filters, read.view);
}

export default async function EventPage({ params, searchParams }: { params: Params; searchParams?: SearchParams }) {
  const read = await load((await params).id);
  if ('away' in read) return <DatabaseAway away={read.away} title="This event could not be loaded" />;
  const event = read.data;
  // A page cannot answer 410 itself (Next.js sets a page's status before its data is read): the
  // route handler beside it does, with a link to the dashboard on the event's day.
  if (event === 'retired') redirect(`/events/${(await params).id}/gone`);
  if (!event) notFound();
  return (
    <EventDetailView
      back={backHref((await searchParams)?.back)}
      event={{ ...event, sources: event.sources.map((s) => ({ ...s, postedAt: s.postedAt ? new Date(s.postedAt).toISOString() : null })) }}
    />
  );
}
