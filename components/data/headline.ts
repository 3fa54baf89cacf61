import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { HeadlineWithChange } from '@/db/queries/stats';
import type { Filters } from '@/lib/domain/filters';
import { apiUrl, getJson, retryOptions } from './fetch-json';
import { seedOptions, type Seed } from './initial';

export type { HeadlineWithChange };

export function headlineQueryOptions(filters: Filters) {
  return queryOptions({
    queryKey: ['stats', 'headline', filters] as const,
    queryFn: ({ signal }) => getJson<HeadlineWithChange>(apiUrl('/api/stats/headline', filters), signal),
    placeholderData: keepPreviousData,
    ...retryOptions,
  });
}

export function useHeadlineQuery(filters: Filters, seed?: Seed<HeadlineWithChange>) {
  return useQuery({ ...headlineQueryOptions(filters), ...seedOptions(seed) });
}
