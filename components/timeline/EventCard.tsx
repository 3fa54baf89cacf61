'use client';

import Link from 'next/link';
import { useId, useState } from 'react';
import type { EventSummary } from '@/components/data/events';
import { useFilters } from '@/components/dashboard/useFilters';
import { filtersToQuery } from '@/lib/domain/filters';
import { searchWords } from '@/lib/domain/search';
import { EventFacts, postsLabel } from './EventSummaryView';
import { highlight } from './highlight';
import { EventSources } from './EventSources';

/** One event on the timeline, with its source posts behind a toggle. */
export function EventCard({ event }: { event: EventSummary }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  // The permalink remembers the view it was opened from, for its link back.
  const { filters } = useFilters();
  const view = filtersToQuery(filters);
  // The words searched for are marked in the title.
  const terms = searchWords(filters.q);
  return (
    <li className="event" data-testid="event" data-event-id={event.id} data-date={event.date ?? ''}>
      <EventFacts event={event} />
      <p className="event-title">
        <Link href={`/events/${event.id}${view ? `?back=${encodeURIComponent(view)}` : ''}`} className="event-link">
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
        {open && <EventSources id={event.id} />}
      </div>
    </li>
  );
}
