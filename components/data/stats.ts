// The one query factory of the dashboard's charts: `statsQuery(name, filters)` for every chart
// of the stats contract (lib/domain/api.ts STATS), under the key ['stats', name, filters]. The
// server reads the first view ahead under the same keys (app/page.tsx), so a panel's first
// render has its data and asks nothing.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { STATS, type StatsAnswer, type StatsName } from '@/lib/domain/api';
import type { Filters } from '@/lib/domain/filters';
import { apiUrl, getJson, retryOptions } from './fetch-json';

export type { Bucket, CodeCount, HeadlineWithChange, MatrixCell, OverTime, TimeCount } from '@/lib/domain/api';

export function statsQuery<N extends StatsName>(name: N, filters: Filters) {
  return queryOptions({
    queryKey: ['stats', name, filters] as const,
    queryFn: ({ signal }) => getJson<StatsAnswer<N>>(apiUrl(`/api/stats/${name}`, filters, STATS[name].params), signal),
    placeholderData: keepPreviousData,
    ...retryOptions,
  });
}

export function useStats<N extends StatsName>(name: N, filters: Filters) {
  return useQuery(statsQuery(name, filters));
}
