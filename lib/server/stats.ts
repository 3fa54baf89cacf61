import 'server-only';
// How each chart of the stats contract (lib/domain/api.ts STATS) is read: /api/stats/NAME
// answers with it, and the dashboard's first view reads the same with the parameters the
// browser would send. The compiler holds this table to the contract: a chart without its read
// does not build.
import type { Kysely } from 'kysely';
import type { Database } from '@/db/types';
import { countryTopicMatrix, countsByCountry, countsByOrganization, countsByPrincipal, countsByTopic, dateBounds, headline, overTime } from '@/db/queries/stats';
import { daysBetween } from '@/lib/domain/calendar';
import { STATS, type Bucket, type StatsAnswer, type StatsName } from '@/lib/domain/api';
import type { Filters } from '@/lib/domain/filters';
import { BadParam, intParam } from './route';

export type StatsRead<T> = (db: Kysely<Database>, filters: Filters, params: URLSearchParams) => Promise<T>;

const BUCKETS: Bucket[] = ['day', 'week', 'month'];

// The longest range each bucket may be asked for. A client fills in the empty buckets between,
// so what it handles grows with the range, not with the data: two years of days (732 buckets)
// or twenty years of weeks (~1,045) is as far as a chart or a table stays of use. Months always
// fit, as dates run from 1900 to 2100 (2,412 months).
const MAX_SPAN_DAYS: Record<Bucket, number> = { day: 2 * 366, week: 20 * 366, month: Infinity };

const overTimeRead: StatsRead<StatsAnswer<'over-time'>> = async (db, f, p) => {
  // Empty is unset, as for the filters: the bucket then suits the range.
  const bucket = p.get('bucket') || null;
  if (bucket === null) return overTime(db, f);
  if (!BUCKETS.includes(bucket as Bucket)) throw new BadParam(`bucket: must be one of ${BUCKETS.join(', ')}`);
  const max = MAX_SPAN_DAYS[bucket as Bucket];
  if (Number.isFinite(max)) {
    // An open end of the range is the first or last event day.
    const bounds = f.from && f.to ? null : await dateBounds(db);
    const from = f.from ?? bounds?.first;
    const to = f.to ?? bounds?.last;
    const days = from && to ? daysBetween(from, to) + 1 : 0;
    if (days > max) {
      throw new BadParam(`bucket: ${bucket} buckets cover at most ${max} days, and ${from} to ${to} is ${days}; narrow from/to or use a larger bucket`);
    }
  }
  return overTime(db, f, bucket as Bucket);
};

export const STATS_READS: { [N in StatsName]: StatsRead<StatsAnswer<N>> } = {
  headline: (db, f) => headline(db, f),
  countries: (db, f, p) => countsByCountry(db, f, intParam(p, 'limit', 30, 1, 250)),
  organizations: (db, f, p) => countsByOrganization(db, f, intParam(p, 'limit', 30, 1, 200)),
  topics: (db, f, p) => countsByTopic(db, f, intParam(p, 'limit', 30, 1, 200)),
  'over-time': overTimeRead,
  matrix: (db, f, p) => countryTopicMatrix(db, f, intParam(p, 'limit', 15, 1, 50)),
  principals: (db, f, p) => countsByPrincipal(db, f, intParam(p, 'limit', 100, 1, 500)),
};

/** A chart's answer as the dashboard asks for it: the contract's parameters on top of the filters. */
export function readStats<N extends StatsName>(db: Kysely<Database>, name: N, filters: Filters): Promise<StatsAnswer<N>> {
  const read = STATS_READS[name] as StatsRead<StatsAnswer<N>>;
  return read(db, filters, new URLSearchParams(STATS[name].params));
}
