import 'server-only';
// The dashboard's first view, read on the server so the first paint has data: every chart of
// the stats contract and the timeline's first page, read as their routes read them, in one
// admitted read (lib/server/route.ts pageRead) so that a page waits its turn with the API's
// requests instead of going around the queue. The reads go into a TanStack Query cache under
// the keys the panels ask with, and reach the browser dehydrated.
import { dehydrate, QueryClient, type DehydratedState } from '@tanstack/react-query';
import { channelTimes, corpusSummary, withTimes } from '@/db/queries/posts';
import { eventsQueryOptions } from '@/components/data/events';
import { statsQuery } from '@/components/data/stats';
import { filtersKey } from '@/components/data/url-filters';
import { STATS_NAMES, statsView, type DateBounds, type EventsPage, type StatsAnswer, type StatsName } from '@/lib/domain/api';
import { viewToQuery, type Filters, type ViewSettings } from '@/lib/domain/filters';
import { pageRead, type PageAway } from '@/lib/server/route';
import { withSearch } from '@/lib/server/search';
import { readView } from '@/lib/server/view';
import type { Corpus } from '@/components/dashboard/DashboardHeader';

export interface FirstView {
  corpus: Corpus;
  stats: { [N in StatsName]: StatsAnswer<N> };
  events: EventsPage;
}

const boundsOf = (corpus: Corpus): DateBounds => ({ first: corpus.firstDate, last: corpus.lastDate });

/**
 * `settings`: the view settings beside the filters (the over-time bucket); each chart is read
 * with those it takes that fit its range, as its panel asks (lib/domain/api.ts statsView).
 */
export async function firstView(filters: Filters, settings: ViewSettings = {}): Promise<{ data: FirstView } | PageAway> {
  const view = await memoizedView(filters, settings);
  if ('away' in view) return view;
  // When each channel was last read changes without a new data version (a sync that found
  // nothing new): read afresh, beside the view kept for this version.
  const times = await pageRead((db) => channelTimes(db));
  return 'away' in times ? view : { data: { ...view.data, corpus: withTimes(view.data.corpus, times.data) } };
}

function memoizedView(filters: Filters, settings: ViewSettings): Promise<{ data: FirstView } | PageAway> {
  const read = withSearch(filters);
  return pageRead(async (db): Promise<FirstView> => {
    const corpus = await corpusSummary(db);
    const { stats, events } = await readView(db, STATS_NAMES, read, settings, boundsOf(corpus));
    return { corpus, stats: stats as FirstView['stats'], events };
  }, `first-view?${filtersKey(filters)}|${viewToQuery(settings)}`);
}

/** The first view as the panels' query cache holds it, to hand to a HydrationBoundary. */
export async function dashboardState(filters: Filters, settings: ViewSettings, view: FirstView): Promise<DehydratedState> {
  const client = new QueryClient();
  const bounds = boundsOf(view.corpus);
  await Promise.all([
    ...STATS_NAMES.map((name) => client.prefetchQuery({ ...statsQuery(name, filters, statsView(name, settings, filters, bounds)), queryFn: () => view.stats[name] })),
    client.prefetchInfiniteQuery({ ...eventsQueryOptions(filters), queryFn: () => view.events }),
  ]);
  return dehydrate(client);
}
