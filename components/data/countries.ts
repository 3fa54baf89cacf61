import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { CodeCount } from '@/db/queries/stats';
import type { Filters } from '@/lib/domain/filters';
import { apiUrl, getJson, retryOptions } from './fetch-json';
import { seedOptions, type Seed } from './initial';

export type { CodeCount };

/** Every counterpart country: the map needs them all, the chart shows the top. */
export const COUNTRY_LIMIT = 250;

export function countriesQueryOptions(filters: Filters) {
  return queryOptions({
    queryKey: ['stats', 'countries', filters] as const,
    queryFn: ({ signal }) => getJson<CodeCount[]>(apiUrl('/api/stats/countries', filters, { limit: String(COUNTRY_LIMIT) }), signal),
    placeholderData: keepPreviousData,
    ...retryOptions,
  });
}

export function useCountriesQuery(filters: Filters, seed?: Seed<CodeCount[]>) {
  return useQuery({ ...countriesQueryOptions(filters), ...seedOptions(seed) });
}
