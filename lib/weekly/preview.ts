// The picture behind a shared dashboard link: its headline numbers and top counterparts.
import type { Kysely } from 'kysely';
import type { Database } from '@/db/types';
import { eventsPage } from '@/db/queries/events';
import { corpusSummary } from '@/db/queries/posts';
import { countsByCountry, countsByOrganization, countsByTopic, headline } from '@/db/queries/stats';
import { daysBetween, formatRange } from '@/lib/domain/calendar';
import { describeFilters } from '@/lib/domain/filter-labels';
import { effectiveTypes, type Filters } from '@/lib/domain/filters';
import { countNoun } from '@/lib/domain/events';
import type { CardContext, CardData } from './card';

export async function loadPreview(db: Kysely<Database>, f: Filters): Promise<{ data: CardData; ctx: CardContext }> {
  const [h, countries, organizations, topics, page, corpus] = await Promise.all([
    headline(db, f),
    countsByCountry(db, f, 250),
    countsByOrganization(db, f, 20),
    countsByTopic(db, f, 10),
    eventsPage(db, f, null, 4),
    corpusSummary(db),
  ]);
  const { from, to } = h.range;
  const span = from && to ? formatRange(from, to) : 'no events yet';
  const days = from && to ? daysBetween(from, to) + 1 : 0;
  return {
    data: {
      title: `${f.from || f.to ? '' : 'All time: '}${span}`,
      previousLabel: `previous ${days} day${days === 1 ? '' : 's'}`,
      current: h.current,
      previous: h.previous,
      countries,
      organizations,
      topics,
      keyEvents: page.events,
      emptyText: 'No events under these filters.',
    },
    ctx: { filters: describeFilters(f), sources: corpus.channels, noun: countNoun(effectiveTypes(f)) },
  };
}
