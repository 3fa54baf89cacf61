import { redirect } from 'next/navigation';
import { latestWeek } from '@/db/queries/weekly';
import { getDb } from '@/lib/db';
import { filtersToQuery, parseFilters } from '@/lib/filters';
import { WeeklyMessage } from './WeeklyMessage';

export const dynamic = 'force-dynamic';

/** /weekly: the latest week that has data under the given filters. */
export default async function WeeklyIndex({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = parseFilters(await searchParams);
  if (!parsed.ok) {
    const issue = parsed.error.issues[0];
    return <WeeklyMessage title="Bad filter" text={`${issue.path.join('.')}: ${issue.message}`} />;
  }
  const week = await latestWeek(await getDb(), parsed.filters);
  const q = filtersToQuery(parsed.filters);
  if (!week) return <WeeklyMessage title="Weekly summary" text={`There are no events${q ? ' under these filters' : ' yet: ingest some posts first'}.`} />;
  redirect(`/weekly/${week.code}${q ? `?${q}` : ''}`);
}
