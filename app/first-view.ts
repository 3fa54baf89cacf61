import 'server-only';
// The dashboard's first view, read on the server so the first paint has data: the same reads the
// JSON routes do, in one admitted read (lib/server/route.ts pageRead), so that a page waits its turn with
// the API's requests instead of going around the queue.
import { eventsPage } from '@/db/queries/events';
import { corpusSummary } from '@/db/queries/posts';
import { countryTopicMatrix, countsByCountry, countsByOrganization, countsByTopic, headline, overTime } from '@/db/queries/stats';
import { COUNTRY_LIMIT } from '@/components/data/countries';
import { EVENTS_PAGE_SIZE } from '@/components/data/events';
import { ORGANIZATION_LIMIT } from '@/components/data/organizations';
import { filtersKey } from '@/components/data/url-filters';
import type { Filters } from '@/lib/domain/filters';
import { pageRead, type PageAway } from '@/lib/server/route';
import type { DashboardSeed } from '@/components/dashboard/DashboardContext';
import type { Corpus } from '@/components/dashboard/DashboardHeader';

export interface FirstView {
  corpus: Corpus;
  seed: DashboardSeed;
}

export async function firstView(filters: Filters): Promise<{ data: FirstView } | PageAway> {
  const view = await pageRead(async (db): Promise<FirstView> => {
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
  }, `first-view?${filtersKey(filters)}`);
  // A view given again from the memo is as fresh as the data version it was read under: now.
  return 'data' in view ? { data: { ...view.data, seed: { ...view.data.seed, updatedAt: Date.now() } } } : view;
}
