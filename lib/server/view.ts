import 'server-only';
// A view of the dashboard read at once: the charts asked for and the timeline's first page, as
// their own routes read them, in one admitted read. The page's first view and /api/view (a
// filter click) both read it so.
import type { Kysely } from 'kysely';
import type { Database } from '@/db/types';
import { eventsPage } from '@/db/queries/events';
import { EVENTS_PAGE_SIZE, statsView, type DateBounds, type StatsAnswer, type StatsName } from '@/lib/domain/api';
import type { Filters, ViewSettings } from '@/lib/domain/filters';
import { readStats } from './stats';

export interface ReadView {
  stats: { [N in StatsName]?: StatsAnswer<N> };
  events: Awaited<ReturnType<typeof eventsPage>>;
}

/** `filters` as the reads take them (their search read); each chart with the settings that fit its range within `bounds`. */
export async function readView(
  db: Kysely<Database>,
  names: readonly StatsName[],
  filters: Filters,
  settings: ViewSettings,
  bounds: DateBounds,
): Promise<ReadView> {
  const [stats, events] = await Promise.all([
    Promise.all(names.map(async (name) => [name, await readStats(db, name, filters, statsView(name, settings, filters, bounds))] as const)),
    eventsPage(db, filters, null, EVENTS_PAGE_SIZE),
  ]);
  return { stats: Object.fromEntries(stats) as ReadView['stats'], events };
}
