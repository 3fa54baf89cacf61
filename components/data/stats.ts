// The one query factory of the dashboard's charts: `statsQuery(name, filters, view)` for every
// chart of the stats contract (lib/domain/api.ts STATS), under the key ['stats', name, filters,
// view], the view being the settings beside the filters that the chart takes (the over-time
// chart's bucket; {} for the others, so a change of bucket asks nothing of them). The server
// reads the first view ahead under the same keys (app/page.tsx), so a panel's first render has
// its data and asks nothing.
import { keepPreviousData, queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { STATS, STATS_NAMES, statsParams, statsView, type DateBounds, type StatsAnswer, type StatsName } from '@/lib/domain/api';
import { eventsQueryOptions } from './events';
import type { Filters, ViewSettings } from '@/lib/domain/filters';
import { apiUrl, getJson, retryOptions } from './fetch-json';

export type { Bucket, CodeCount, HeadlineWithChange, MatrixCell, OverTime, TimeCount } from '@/lib/domain/api';

/** `view`: the settings the chart is asked with (lib/domain/api.ts statsView); those it does not take are left out. */
export function statsQuery<N extends StatsName>(name: N, filters: Filters, view: ViewSettings = {}) {
  const taken: ViewSettings = {};
  for (const key of STATS[name].view) if (view[key]) taken[key] = view[key];
  return queryOptions({
    queryKey: ['stats', name, filters, taken] as const,
    queryFn: ({ signal }) => getJson<StatsAnswer<N>>(apiUrl(`/api/stats/${name}`, filters, statsParams(name, taken)), signal),
    placeholderData: keepPreviousData,
    ...retryOptions,
  });
}

/** The charts the dashboard shows (principals only count the filter list). */
const DASHBOARD_CHARTS = STATS_NAMES.filter((n) => n !== 'principals');

/**
 * Starts every read of a view at once, before React renders it: a filter click asks for its data
 * in the same moment, not after the whole dashboard has rendered the old data again. The
 * panels then find their queries in flight under the same keys (each asked with what fits the
 * range of `bounds`, the data's first and last day, as the panels ask).
 */
export function prefetchView(client: QueryClient, filters: Filters, view: ViewSettings, bounds: DateBounds): void {
  for (const name of DASHBOARD_CHARTS) void client.prefetchQuery(statsQuery(name, filters, statsView(name, view, filters, bounds)));
  void client.prefetchInfiniteQuery(eventsQueryOptions(filters));
}

export function useStats<N extends StatsName>(name: N, filters: Filters, view: ViewSettings = {}) {
  return useQuery(statsQuery(name, filters, view));
}
