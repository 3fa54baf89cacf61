import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Bucket, TimeCount } from '@/db/queries/stats';
import type { Filters } from '@/lib/domain/filters';
import { apiUrl, getJson, retryOptions } from './fetch-json';
import { seedOptions, type Seed } from './initial';

export type { Bucket, TimeCount };

/** What /api/stats/over-time answers: the bucket it chose for the range, and counts per bucket and type. */
export interface OverTime {
  bucket: Bucket;
  series: TimeCount[];
}

export function overTimeQueryOptions(filters: Filters) {
  return queryOptions({
    queryKey: ['stats', 'over-time', filters] as const,
    queryFn: ({ signal }) => getJson<OverTime>(apiUrl('/api/stats/over-time', filters), signal),
    placeholderData: keepPreviousData,
    ...retryOptions,
  });
}

export function useOverTimeQuery(filters: Filters, seed?: Seed<OverTime>) {
  return useQuery({ ...overTimeQueryOptions(filters), ...seedOptions(seed) });
}
