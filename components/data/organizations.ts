import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { CodeCount } from '@/db/queries/stats';
import type { Filters } from '@/lib/domain/filters';
import { apiUrl, getJson, retryOptions } from './fetch-json';
import { seedOptions, type Seed } from './initial';

export type { CodeCount };

export const ORGANIZATION_LIMIT = 200;

export function organizationsQueryOptions(filters: Filters) {
  return queryOptions({
    queryKey: ['stats', 'organizations', filters] as const,
    queryFn: ({ signal }) => getJson<CodeCount[]>(apiUrl('/api/stats/organizations', filters, { limit: String(ORGANIZATION_LIMIT) }), signal),
    placeholderData: keepPreviousData,
    ...retryOptions,
  });
}

export function useOrganizationsQuery(filters: Filters, seed?: Seed<CodeCount[]>) {
  return useQuery({ ...organizationsQueryOptions(filters), ...seedOptions(seed) });
}
