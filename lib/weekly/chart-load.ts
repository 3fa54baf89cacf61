// The data of a chart picture: the same reads as the dashboard's panel, with the dates and the
// channels for its caption.
import type { Kysely } from 'kysely';
import type { Database } from '@/db/types';
import { channelHandles } from '@/db/queries/posts';
import { countryTopicMatrix, countsByCountry, countsByOrganization, countsByTopic, headline, overTime } from '@/db/queries/stats';
import { COUNTRY_LIMIT, ORGANIZATION_LIMIT } from '@/lib/domain/api';
import type { Bucket } from '@/lib/domain/buckets';
import { countNoun } from '@/lib/domain/events';
import { describeFilters } from '@/lib/domain/filter-labels';
import { effectiveTypes, type Filters } from '@/lib/domain/filters';
import { barRows, type ChartData, type ChartName, type ChartPicture } from './chart';

/** `bucket`: the over-time chart's, as asked for (checked against the range by the caller); else the one that suits the range. */
export async function loadChart(db: Kysely<Database>, name: ChartName, f: Filters, opts: { bucket?: Bucket } = {}): Promise<ChartPicture> {
  const noun = countNoun(effectiveTypes(f)).other;
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  const read = async (): Promise<{ title: string; data: ChartData }> => {
    switch (name) {
      case 'countries':
        return { title: `${Noun} per counterpart country`, data: { kind: 'bars', rows: barRows('countries', await countsByCountry(db, f, COUNTRY_LIMIT)) } };
      case 'organizations':
        return { title: `${Noun} per counterpart organisation`, data: { kind: 'bars', rows: barRows('organizations', await countsByOrganization(db, f, ORGANIZATION_LIMIT)) } };
      case 'topics':
        return { title: `${Noun} per topic`, data: { kind: 'bars', rows: barRows('topics', await countsByTopic(db, f, 200)) } };
      case 'over-time':
        return { title: `${Noun} over time`, data: { kind: 'over-time', overTime: await overTime(db, f, opts.bucket) } };
      case 'matrix':
        return { title: `${Noun}: counterpart country × topic`, data: { kind: 'matrix', cells: await countryTopicMatrix(db, f, 12) } };
      case 'map': {
        const [countries, organizations] = await Promise.all([countsByCountry(db, f, COUNTRY_LIMIT), countsByOrganization(db, f, ORGANIZATION_LIMIT)]);
        return { title: `Where: ${noun} per counterpart country`, data: { kind: 'map', countries, organizations } };
      }
    }
  };
  const [chart, h, channels] = await Promise.all([read(), headline(db, f), channelHandles(db)]);
  // The dates have a place of their own in the caption.
  return { ...chart, filters: describeFilters({ ...f, from: undefined, to: undefined }), range: h.range, channels };
}
