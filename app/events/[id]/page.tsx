import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { eventDetail } from '@/db/queries/events';
import { pageRead } from '@/lib/route';
import { EventDetailView } from '@/components/event/EventDetailView';
import { DatabaseAway } from '../../DatabaseAway';

export const dynamic = 'force-dynamic';

type Params = Promise<{ id: string }>;

// One read per request, shared by the metadata and the page; admitted as the API's reads are.
const load = cache(async (raw: string) => {
  if (!/^\d{1,9}$/.test(raw)) return { data: null };
  return pageRead((db) => eventDetail(db, Number(raw)));
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const read = await load((await params).id);
  // Not indexed meanwhile: the page says the database is away, not what the event is.
  if ('away' in read) return { title: 'Event · Sidelines', robots: { index: false } };
  return { title: read.data ? `${read.data.title} · Sidelines` : 'Event not found · Sidelines' };
}

export default async function EventPage({ params }: { params: Params }) {
  const read = await load((await params).id);
  if ('away' in read) return <DatabaseAway away={read.away} title="This event could not be loaded" />;
  const event = read.data;
  if (!event) notFound();
  return (
    <EventDetailView
      event={{ ...event, sources: event.sources.map((s) => ({ ...s, postedAt: s.postedAt ? new Date(s.postedAt).toISOString() : null })) }}
    />
  );
}
