import { redirect } from 'next/navigation';
import { latestWeek } from '@/db/queries/weekly';
import { filtersToQuery, parseFilters } from '@/lib/domain/filters';
import { pageRead } from '@/lib/server/route';
import { withSearch } from '@/lib/server/search';
import { DatabaseAway } from '../DatabaseAway';
import { WeeklyMessage } from './WeeklyMessage';

export const dynamic = 'force-dynamic';

/** /weekly: the latest week that has data under the given filters. */
export default async function WeeklyIndex({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = parseFilters(await searchParams);
  if (!parsed.ok) {
    // A failed parse has at least one issue.
    const issue = parsed.error.issues[0]!;
    return <WeeklyMessage title="Bad filter" text={`${issue.path.join('.')}: ${issue.message}`} />;
  }
  const read = await pageRead((db) => latestWeek(db, withSearch(parsed.filters)));
  if ('away' in read) return <DatabaseAway away={read.away} title="Weekly summary" />;
  const week = read.data;
  const q = filtersToQuery(parsed.filters);
  if (!week) return <WeeklyMessage title="Weekly summary" text={`There are no events${q ? ' under these filters' : ' yet: ingest some posts first'}.`} />;
  redirect(`/weekly/${week.code}${q ? `?${q}` : ''}`);
}
