// The one query factory of the dashboard's charts: `statsQuery(name, filters)` for every chart
// of the stats contract (lib/domain/api.ts STATS), under the key ['stats', name, filters]. The
// server reads the first view ahead under the same keys (app/page.tsx), so a panel's first
// render has its data and asks nothing.
import { keepPreviousData, queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { STATS, STATS_NAMES, type StatsAnswer, type StatsName } from '@/lib/domain/api';
import { eventsQueryOptions } from './events';
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

/** The charts the dashboard shows (principals only count the filter list). */
const DASHBOARD_CHARTS = STATS_NAMES.filter((n) => n !== 'principals');

/**
 * Starts every read of a view at once, before React renders it: a filter click asks for its data
 * in the same moment, not after the whole dashboard has rendered the old data again. The
 * panels then find their queries in flight under the same keys.
 */
export function prefetchView(client: QueryClient, filters: Filters): void {
  for (const name of DASHBOARD_CHARTS) void client.prefetchQuery(statsQuery(name, filters));
  void client.prefetchInfiniteQuery(eventsQueryOptions(filters));
}

export function useStats<N extends StatsName>(name: N, filters: Filters) {
  return useQuery(statsQuery(name, filters));
}
