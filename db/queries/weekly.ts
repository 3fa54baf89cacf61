// The weekly summary: one ISO week (Monday to Sunday, event days) under the dashboard's filters,
// against the week before.
import type { Kysely } from 'kysely';
import type { Database } from '../types';
import type { Filters } from '@/lib/domain/filters';
import { isoWeekOf, shiftWeek, type IsoWeek } from '@/lib/domain/calendar';
import { eventsPage, type EventSummary } from './events';
import { eventConditions } from './filter';
import { countsByCountry, countsByOrganization, countsByTopic, headline, type CodeCount, type Headline } from './stats';

export interface WeeklySummary {
  week: IsoWeek;
  current: Headline;
  /** The week before, or null when it begins before the first event (nothing to compare). */
  previous: Headline | null;
  countries: CodeCount[];
  organizations: CodeCount[];
  topics: CodeCount[];
  keyEvents: EventSummary[];
  /** Whether more events happened that week than keyEvents lists. */
  moreEvents: boolean;
}

export async function weeklySummary(db: Kysely<Database>, f: Filters, week: IsoWeek): Promise<WeeklySummary> {
  const inWeek: Filters = { ...f, from: week.from, to: week.to };
  const [h, countries, organizations, topics, page] = await Promise.all([
    headline(db, inWeek),
    countsByCountry(db, inWeek, 250),
    countsByOrganization(db, inWeek, 20),
    countsByTopic(db, inWeek, 10),
    eventsPage(db, inWeek, null, 8),
  ]);
  return {
    week,
    current: h.current,
    previous: h.previous,
    countries,
    organizations,
    topics,
    keyEvents: page.events,
    moreEvents: page.next !== null,
  };
}

/** The latest ISO week with an event matching the filters (dates and all), or null. */
export async function latestWeek(db: Kysely<Database>, f: Filters): Promise<IsoWeek | null> {
  const r = await db
    .selectFrom('events as e')
    .where((eb) => eventConditions(eb, f))
    .select((eb) => eb.fn.max('e.date').as('last'))
    .executeTakeFirst();
  return r?.last ? isoWeekOf(r.last) : null;
}

export { shiftWeek };
