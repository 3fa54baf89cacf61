import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { eventDetail } from '@/db/queries/events';
import { getDb } from '@/lib/db';
import { EventDetailView } from '@/components/event/EventDetailView';

export const dynamic = 'force-dynamic';

type Params = Promise<{ id: string }>;

// One read per request, shared by the metadata and the page.
const load = cache(async (raw: string) => {
  if (!/^\d{1,9}$/.test(raw)) return null;
  return eventDetail(await getDb(), Number(raw));
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const event = await load((await params).id);
  return { title: event ? `${event.title} · Sidelines` : 'Event not found · Sidelines' };
}

export default async function EventPage({ params }: { params: Params }) {
  const event = await load((await params).id);
  if (!event) notFound();
  return (
    <EventDetailView
      event={{ ...event, sources: event.sources.map((s) => ({ ...s, postedAt: s.postedAt ? new Date(s.postedAt).toISOString() : null })) }}
    />
  );
}
