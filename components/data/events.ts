import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { Cursor, EventsPage, EventSummary } from '@/db/queries/events';
import type { Filters } from '@/lib/domain/filters';
import { apiUrl, getJson, retryOptions } from './fetch-json';
import type { Seed } from './initial';

export type { EventsPage, EventSummary };

export const EVENTS_PAGE_SIZE = 30;

/** The cursor as /api/events takes it back ("2023-09-20_17", "null_4"); the same as encodeCursor. */
function cursorParam(c: Cursor): string {
  return `${c.date ?? 'null'}_${c.id}`;
}

export function eventsQueryOptions(filters: Filters) {
  return infiniteQueryOptions({
    queryKey: ['events', 'list', filters] as const,
    queryFn: ({ signal, pageParam }) =>
      getJson<EventsPage>(apiUrl('/api/events', filters, { cursor: pageParam ?? undefined, limit: String(EVENTS_PAGE_SIZE) }), signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: EventsPage) => (last.next ? cursorParam(last.next) : null),
    placeholderData: keepPreviousData,
    ...retryOptions,
  });
}

export function useEventsQuery(filters: Filters, seed?: Seed<EventsPage>) {
  return useInfiniteQuery({
    ...eventsQueryOptions(filters),
    ...(seed ? { initialData: { pages: [seed.data], pageParams: [null] }, initialDataUpdatedAt: seed.updatedAt } : {}),
  });
}
