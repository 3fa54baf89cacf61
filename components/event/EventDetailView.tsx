import Link from 'next/link';
import type { EventDetailJson } from '@/components/data/event-detail';
import { formatDay } from '@/lib/domain/calendar';
import { EventFacts, postsLabel } from '@/components/timeline/EventSummaryView';
import { SourcePostView } from '@/components/timeline/SourcePostView';

/** The permalink page of one event: its facts and every source post in full. */
export function EventDetailView({ event, back = '/' }: { event: EventDetailJson; back?: string }) {
  return (
    <main className="page page-narrow event-page" data-testid="event" data-event-id={event.id} data-date={event.date ?? ''}>
      <nav className="back">
        <Link href={back} data-testid="back">
          ← Dashboard
        </Link>
      </nav>
      <p className="muted">{event.date ? <time dateTime={event.date}>{formatDay(event.date)}</time> : 'Undated'}</p>
      <h1 className="event-h1">{event.title}</h1>
      <EventFacts event={event} />
      {event.summary && <p className="event-summary">{event.summary}</p>}
      <h2 className="small-heading">Sources · {postsLabel(event.posts)}</h2>
      <div className="sources">
        {event.sources.map((s) => (
          <SourcePostView key={s.id} post={s} />
        ))}
      </div>
    </main>
  );
}
