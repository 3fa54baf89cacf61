// The one query factory of the dashboard's charts: `statsQuery(name, filters, view)` for every
// chart of the stats contract (lib/domain/api.ts STATS), under the key ['stats', name, filters,
// view], the view being the settings beside the filters that the chart takes (the over-time
// chart's bucket; {} for the others, so a change of bucket asks nothing of them). The server
// reads the first view ahead under the same keys (app/page.tsx), so a panel's first render has
// its data and asks nothing.
import { keepPreviousData, queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { DASHBOARD_CHARTS, STATS, statsParams, statsView, type DateBounds, type StatsAnswer, type StatsName, type ViewAnswer } from '@/lib/domain/api';
import { eventsQueryOptions } from './events';
import { viewToQuery, type Filters, type ViewSettings } from '@/lib/domain/filters';
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


/**
 * Starts every read of a view at once, before React renders it: a filter click asks for its data
 * in the same moment, not after the whole dashboard has rendered the old data again. The
 * panels then find their queries in flight under the same keys (each asked with what fits the
 * range of `bounds`, the data's first and last day, as the panels ask).
 */
export function prefetchView(client: QueryClient, filters: Filters, view: ViewSettings, bounds: DateBounds): void {
  // One request for the whole view (/api/view): each query is given its part of the answer, and
  // a panel rendered meanwhile finds its query in flight. Should the one request fail, each
  // query fails with it and asks its own route again as it retries.
  // Not aborted with any one query: the answer is every query's.
  let whole: Promise<ViewAnswer> | null = null;
  const all = () => (whole ??= getJson<ViewAnswer>(apiUrl('/api/view', filters, Object.fromEntries(new URLSearchParams(viewToQuery(view))))));
  for (const name of DASHBOARD_CHARTS) {
    const options = statsQuery(name, filters, statsView(name, view, filters, bounds));
    void client.prefetchQuery({
      ...options,
      queryFn: async (ctx) => {
        const part = (await all()).stats[name];
        return part === undefined ? options.queryFn!(ctx as never) : part;
      },
    });
  }
  void client.prefetchInfiniteQuery({ ...eventsQueryOptions(filters), queryFn: async () => (await all()).events });
}

export function useStats<N extends StatsName>(name: N, filters: Filters, view: ViewSettings = {}) {
  return useQuery(statsQuery(name, filters, view));
}
