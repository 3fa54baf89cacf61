import type { Metadata } from 'next';
import { eventsPage } from '@/db/queries/events';
import { corpusSummary } from '@/db/queries/posts';
import { countryTopicMatrix, countsByCountry, countsByOrganization, countsByTopic, headline, overTime } from '@/db/queries/stats';
import { getDb } from '@/lib/db';
import { COUNTRY_LIMIT } from '@/lib/client/countries';
import { EVENTS_PAGE_SIZE } from '@/lib/client/events';
import { ORGANIZATION_LIMIT } from '@/lib/client/organizations';
import { filtersKey, readFilters } from '@/lib/client/url-filters';
import { filtersToQuery, type Filters } from '@/lib/filters';
import { describeFilters } from '@/lib/filter-labels';
import { DashboardView } from '@/components/dashboard/DashboardView';
import type { DashboardSeed } from '@/components/dashboard/DashboardContext';
import type { Corpus } from '@/components/dashboard/DashboardHeader';

// Reads the database on every request; a build never needs it.
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;
type PageProps = { searchParams: Promise<SearchParams> };

/** A shared link unfurls into a picture of its own view: headline numbers and top counterparts. */
export async function generateMetadata({ searchParams }: PageProps): Promise<Metadata> {
  const { filters } = readFilters(await searchParams);
  const q = filtersToQuery(filters);
  const image = `/api/preview${q ? `?${q}` : ''}`;
  const description = `Diplomatic contacts: ${describeFilters(filters)}`;
  return {
    title: 'Sidelines',
    description,
    openGraph: { title: 'Sidelines', description, type: 'website', images: [{ url: image, width: 1200, height: 675 }] },
    twitter: { card: 'summary_large_image', title: 'Sidelines', description, images: [image] },
  };
}


/** The first view, read on the server so the first paint has data; the same reads the JSON routes do. */
async function firstView(filters: Filters): Promise<{ corpus: Corpus; seed: DashboardSeed }> {
  const db = await getDb();
  const corpus = await corpusSummary(db);
  const [head, countries, organizations, topics, time, matrix, events] = await Promise.all([
    headline(db, filters),
    countsByCountry(db, filters, COUNTRY_LIMIT),
    countsByOrganization(db, filters, ORGANIZATION_LIMIT),
    countsByTopic(db, filters),
    overTime(db, filters),
    countryTopicMatrix(db, filters),
    eventsPage(db, filters, null, EVENTS_PAGE_SIZE),
  ]);
  return {
    corpus,
    seed: {
      key: filtersKey(filters),
      updatedAt: Date.now(),
      headline: head,
      countries,
      organizations,
      topics,
      overTime: time,
      matrix,
      events,
    },
  };
}

export default async function HomePage({ searchParams }: PageProps) {
  const { filters } = readFilters(await searchParams);
  let view: Awaited<ReturnType<typeof firstView>> | null = null;
  let loadError: string | null = null;
  try {
    view = await firstView(filters);
  } catch (err) {
    // The page still renders: every panel asks its JSON route and shows its own error and Retry.
    console.error('dashboard first view failed', err);
    loadError = err instanceof Error ? err.message : String(err);
  }
  return (
    <DashboardView
      corpus={view?.corpus ?? null}
      bounds={{ first: view?.corpus.firstDate ?? null, last: view?.corpus.lastDate ?? null }}
      seed={view?.seed ?? null}
      loadError={loadError}
    />
  );
}
