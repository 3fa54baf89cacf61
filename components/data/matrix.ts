import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { MatrixCell } from '@/db/queries/stats';
import type { Filters } from '@/lib/domain/filters';
import { apiUrl, getJson, retryOptions } from './fetch-json';
import { seedOptions, type Seed } from './initial';

export type { MatrixCell };

export function matrixQueryOptions(filters: Filters) {
  return queryOptions({
    queryKey: ['stats', 'matrix', filters] as const,
    queryFn: ({ signal }) => getJson<MatrixCell[]>(apiUrl('/api/stats/matrix', filters), signal),
    placeholderData: keepPreviousData,
    ...retryOptions,
  });
}

export function useMatrixQuery(filters: Filters, seed?: Seed<MatrixCell[]>) {
  return useQuery({ ...matrixQueryOptions(filters), ...seedOptions(seed) });
}
