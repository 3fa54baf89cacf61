// What the weekly page, its picture and the command line need: the summary, its filters in words
// and the channels it comes from.
import type { Kysely } from 'kysely';
import type { Database } from '@/db/types';
import { channelHandles } from '@/db/queries/posts';
import { weeklySummary, type WeeklySummary } from '@/db/queries/weekly';
import { describeFilters } from '@/lib/domain/filter-labels';
import { effectiveTypes, type Filters } from '@/lib/domain/filters';
import { countNoun } from '@/lib/domain/events';
import type { IsoWeek } from '@/lib/domain/calendar';
import type { CardContext } from './card';

export async function loadWeekly(db: Kysely<Database>, f: Filters, week: IsoWeek): Promise<{ summary: WeeklySummary; ctx: CardContext }> {
  const [summary, channels] = await Promise.all([weeklySummary(db, f, week), channelHandles(db)]);
  return { summary, ctx: { filters: describeFilters(f), sources: channels, noun: countNoun(effectiveTypes(f)) } };
}
