import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { CodeCount } from '@/db/queries/stats';
import type { Filters } from '@/lib/domain/filters';
import { apiUrl, getJson, retryOptions } from './fetch-json';
import { seedOptions, type Seed } from './initial';

export type { CodeCount };

export function topicsQueryOptions(filters: Filters) {
  return queryOptions({
    queryKey: ['stats', 'topics', filters] as const,
    queryFn: ({ signal }) => getJson<CodeCount[]>(apiUrl('/api/stats/topics', filters), signal),
    placeholderData: keepPreviousData,
    ...retryOptions,
  });
}

export function useTopicsQuery(filters: Filters, seed?: Seed<CodeCount[]>) {
  return useQuery({ ...topicsQueryOptions(filters), ...seedOptions(seed) });
}
