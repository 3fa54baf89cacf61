import { queryOptions, useQuery } from '@tanstack/react-query';
import type { EventDetail, SourcePost } from '@/db/queries/events';
import { getJson, retryOptions } from './fetch-json';

/** A source post as JSON carries it: the timestamp is ISO text. */
export type SourcePostJson = Omit<SourcePost, 'postedAt'> & { postedAt: string | null };
export type EventDetailJson = Omit<EventDetail, 'sources'> & { sources: SourcePostJson[] };

export function eventDetailQueryOptions(id: number) {
  return queryOptions({
    queryKey: ['events', 'detail', id] as const,
    queryFn: ({ signal }) => getJson<EventDetailJson>(`/api/events/${id}`, signal),
    // An event's posts change only on re-ingest.
    staleTime: 5 * 60_000,
    ...retryOptions,
  });
}

export function useEventDetailQuery(id: number, enabled = true) {
  return useQuery({ ...eventDetailQueryOptions(id), enabled });
}
