import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { encodeCursor, EVENTS_PAGE_SIZE, type EventsPage, type EventSummary } from '@/lib/domain/api';
import type { Filters } from '@/lib/domain/filters';
import { apiUrl, getJson, retryOptions } from './fetch-json';

export type { EventsPage, EventSummary };

/** The timeline, page by page; the server reads the first page ahead under the same key. */
export function eventsQueryOptions(filters: Filters) {
  return infiniteQueryOptions({
    queryKey: ['events', 'list', filters] as const,
    queryFn: ({ signal, pageParam }) =>
      getJson<EventsPage>(apiUrl('/api/events', filters, { cursor: pageParam ?? undefined, limit: String(EVENTS_PAGE_SIZE) }), signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: EventsPage) => (last.next ? encodeCursor(last.next) : null),
    placeholderData: keepPreviousData,
    ...retryOptions,
  });
}

export function useEventsQuery(filters: Filters) {
  return useInfiniteQuery(eventsQueryOptions(filters));
}
