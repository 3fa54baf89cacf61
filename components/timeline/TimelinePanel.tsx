'use client';

import { useMemo } from 'react';
import { useEventsQuery, type EventSummary } from '@/components/data/events';
import { useFilters } from '@/components/dashboard/useFilters';
import { filtersToQuery, viewToQuery } from '@/lib/domain/filters';
import { searchWords } from '@/lib/domain/search';
import { Panel } from '@/components/panels/Panel';
import { ErrorNote, QueryState } from '@/components/panels/QueryState';
import { formatDay } from '@/lib/domain/calendar';
import { EventCard } from './EventCard';
import { useInView } from './useInView';

interface Day {
  date: string | null;
  events: EventSummary[];
}

function byDay(events: EventSummary[]): Day[] {
  const days: Day[] = [];
  for (const e of events) {
    const last = days[days.length - 1];
    if (last && last.date === e.date) last.events.push(e);
    else days.push({ date: e.date, events: [e] });
  }
  return days;
}

/** Events newest first, grouped by day, loaded page by page as the list scrolls. */
export function TimelinePanel() {
  const { filters, view } = useFilters();
  const query = useEventsQuery(filters);
  // What every card needs of the view, worked out once for all of them.
  const back = useMemo(() => [filtersToQuery(filters), viewToQuery(view)].filter(Boolean).join('&'), [filters, view]);
  const terms = useMemo(() => searchWords(filters.q), [filters.q]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const events = useMemo(() => query.data?.pages.flatMap((p) => p.events) ?? [], [query.data]);
  const days = useMemo(() => byDay(events), [events]);
  const canLoad = Boolean(hasNextPage) && !isFetchingNextPage && !query.isFetchNextPageError && !query.isPlaceholderData;
  const sentinel = useInView<HTMLDivElement>(() => {
    if (canLoad) void fetchNextPage();
  }, canLoad);

  return (
    <Panel title="Timeline" className="span-timeline" actions={events.length > 0 ? <span className="muted small num">{events.length}{hasNextPage ? '+' : ''} events</span> : null}>
      <div data-testid="timeline" className="timeline">
        <QueryState query={{ ...query, isError: query.isError && !query.isFetchNextPageError }} what="events" minHeight={120} isEmpty={(d) => d.pages[0]?.events.length === 0} empty="No events match these filters.">
          {() => (
            <>
              {days.map((d) => (
                <section key={d.date ?? 'undated'} className="day" aria-label={d.date ? formatDay(d.date) : 'Undated'}>
                  <h3 className="day-head">
                    {d.date ? <time dateTime={d.date}>{formatDay(d.date)}</time> : 'Undated'}
                  </h3>
                  <ul className="events">
                    {d.events.map((e) => (
                      <EventCard key={e.id} event={e} back={back} terms={terms} />
                    ))}
                  </ul>
                </section>
              ))}
              {query.isFetchNextPageError && (
                <ErrorNote error={query.error} what="more events" retrying={isFetchingNextPage} onRetry={() => void fetchNextPage()} compact />
              )}
              <div ref={sentinel} className="timeline-end">
                {hasNextPage ? (
                  <button type="button" className="btn" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
                    {isFetchingNextPage ? 'Loading…' : 'Load more'}
                  </button>
                ) : (
                  <span className="muted small">{events.length > 0 ? 'End of the timeline.' : ''}</span>
                )}
              </div>
            </>
          )}
        </QueryState>
      </div>
    </Panel>
  );
}
