'use client';

import Link from 'next/link';
import { memo, useId, useState } from 'react';
import type { EventSummary } from '@/components/data/events';
import { EventFacts, postsLabel } from './EventSummaryView';
import { highlight } from './highlight';
import { EventSources } from './EventSources';

interface EventCardProps {
  event: EventSummary;
  /** The dashboard view it is shown in (its query), which the permalink keeps for its link back. */
  back: string;
  /** The words searched for, marked in the title and the posts. */
  terms: readonly string[];
}

/**
 * One event on the timeline, with its source posts behind a toggle. Memoised, and given what it
 * needs of the view by the timeline: a filter click then redraws only the cards that change.
 */
export const EventCard = memo(function EventCard({ event, back, terms }: EventCardProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <li className="event" data-testid="event" data-event-id={event.id} data-date={event.date ?? ''}>
      <EventFacts event={event} />
      <p className="event-title">
        <Link href={`/events/${event.id}${back ? `?back=${encodeURIComponent(back)}` : ''}`} className="event-link">
          {terms.length
            ? highlight(event.title, [], terms).map((s, i) => (s.why ? <mark key={i} className="is-search">{s.text}</mark> : <span key={i}>{s.text}</span>))
            : event.title}
        </Link>
      </p>
      {event.posts.length > 0 && (
        <button type="button" className="expand-btn" data-testid="event-expand" aria-expanded={open} aria-controls={`${id}-sources`} onClick={() => setOpen((v) => !v)}>
          <span aria-hidden="true" className="chevron">
            {open ? '▾' : '▸'}
          </span>{' '}
          {postsLabel(event.posts)}
        </button>
      )}
      <div id={`${id}-sources`} hidden={!open}>
        {open && <EventSources id={event.id} terms={terms} />}
      </div>
    </li>
  );
});
