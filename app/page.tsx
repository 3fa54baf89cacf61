import type { Metadata } from 'next';
import { readFilters } from '@/components/data/url-filters';
import { filtersToQuery, type Filters, type ViewSettings } from '@/lib/domain/filters';
import { describeFilters } from '@/lib/domain/filter-labels';
import { DashboardView } from '@/components/dashboard/DashboardView';
import { HydrationBoundary } from '@tanstack/react-query';
import { RefreshWhileAway } from './DatabaseAway';
import { dashboardState, firstView, type FirstView } from './first-view';

// Reads the database on every request; a build never needs it.
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;
type PageProps = { searchParams: Promise<SearchParams> };

/** A shared link unfurls into a picture of its own view: headline numbers and top counterparts. */
export async function generateMetadata({ searchParams }: PageProps): Promise<Metadata> {
  const { filters } = readFilters(await searchParams);
  const q = filtersToQuery(filters);
  const image = `/api/preview${q ? `?${q}` : ''}`;
  const view = describeFilters(filters);
  const description = `Diplomatic contacts: ${view}`;
  // The tab, the bookmark and the shared link name the view ("Sidelines · Venezuela, 2023").
  const title = q ? `Sidelines · ${view}` : 'Sidelines';
  return {
    title,
    description,
    // Feed readers and browsers find the view's feed from the page itself.
    alternates: { types: { 'application/atom+xml': [{ url: `/feed.xml${q ? `?${q}` : ''}`, title }] } },
    openGraph: { title, description, type: 'website', images: [{ url: image, width: 1200, height: 675 }] },
    twitter: { card: 'summary_large_image', title, description, images: [image] },
  };
}

/** The first view, or why there is none: the page renders either way and every panel asks its JSON route. */
async function readFirstView(filters: Filters, settings: ViewSettings): Promise<{ data: FirstView | null; loadError: string | null; away: boolean }> {
  try {
    const view = await firstView(filters, settings);
    if ('data' in view) return { data: view.data, loadError: null, away: false };
    // Busy is no error to show: the panels' own requests queue in turn.
    return view.away === 'busy' ? { data: null, loadError: null, away: false } : { data: null, loadError: view.message, away: true };
  } catch (err) {
    console.error('dashboard first view failed', err);
    return { data: null, loadError: 'the dashboard could not be read; the server log says why', away: false };
  }
}

export default async function HomePage({ searchParams }: PageProps) {
  const { filters, view } = readFilters(await searchParams);
  const { data, loadError, away } = await readFirstView(filters, view);
  // Without a first view the panels ask their routes themselves.
  const state = data ? await dashboardState(filters, view, data) : undefined;
  return (
    <>
      <HydrationBoundary state={state}>
        <DashboardView corpus={data?.corpus ?? null} bounds={{ first: data?.corpus.firstDate ?? null, last: data?.corpus.lastDate ?? null }} loadError={loadError} />
      </HydrationBoundary>
      {/* The panels recover by themselves; this brings back the rest (the header's totals). */}
      {away && <RefreshWhileAway away="unavailable" />}
    </>
  );
}
