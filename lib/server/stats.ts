import 'server-only';
// How each chart of the stats contract (lib/domain/api.ts STATS) is read: /api/stats/NAME
// answers with it, and the dashboard's first view reads the same with the parameters the
// browser would send. The compiler holds this table to the contract: a chart without its read
// does not build.
import type { Kysely } from 'kysely';
import type { Database } from '@/db/types';
import { countryTopicMatrix, countsByCountry, countsByOrganization, countsByPrincipal, countsByTopic, dateBounds, headline, overTime } from '@/db/queries/stats';
import { statsParams, type StatsAnswer, type StatsName } from '@/lib/domain/api';
import { bucketSpanProblem, MAX_SPAN_DAYS, type Bucket } from '@/lib/domain/buckets';
import { parseView, type Filters, type ViewSettings } from '@/lib/domain/filters';
import { BadParam, intParam } from './route';

export type StatsRead<T> = (db: Kysely<Database>, filters: Filters, params: URLSearchParams) => Promise<T>;

/**
 * The bucket a request asks for (?bucket=, lib/domain/buckets.ts), checked against its range:
 * undefined for the one that suits the range; a BadParam when it is no bucket or finer than the
 * range allows. The over-time chart's JSON and its picture both read it so.
 */
export async function bucketParam(db: Kysely<Database>, f: Filters, p: URLSearchParams): Promise<Bucket | undefined> {
  const view = parseView(p);
  if (!view.ok) {
    const issue = view.error.issues[0];
    throw new BadParam(`${issue?.path.join('.') || 'bucket'}: ${issue?.message ?? 'is not valid'}`);
  }
  const bucket = view.view.bucket;
  if (!bucket || !Number.isFinite(MAX_SPAN_DAYS[bucket])) return bucket;
  // An open end of the range is the first or last event day.
  const bounds = f.from && f.to ? null : await dateBounds(db);
  const from = f.from ?? bounds?.first;
  const to = f.to ?? bounds?.last;
  const problem = from && to ? bucketSpanProblem(bucket, from, to) : null;
  if (problem) throw new BadParam(`bucket: ${problem}`);
  return bucket;
}

const overTimeRead: StatsRead<StatsAnswer<'over-time'>> = async (db, f, p) => overTime(db, f, await bucketParam(db, f, p));

export const STATS_READS: { [N in StatsName]: StatsRead<StatsAnswer<N>> } = {
  headline: (db, f) => headline(db, f),
  countries: (db, f, p) => countsByCountry(db, f, intParam(p, 'limit', 30, 1, 250)),
  organizations: (db, f, p) => countsByOrganization(db, f, intParam(p, 'limit', 30, 1, 200)),
  topics: (db, f, p) => countsByTopic(db, f, intParam(p, 'limit', 30, 1, 200)),
  'over-time': overTimeRead,
  matrix: (db, f, p) => countryTopicMatrix(db, f, intParam(p, 'limit', 15, 1, 50)),
  principals: (db, f, p) => countsByPrincipal(db, f, intParam(p, 'limit', 100, 1, 500)),
};

/**
 * A chart's answer as the dashboard asks for it: the contract's parameters and the view settings
 * it is asked with (lib/domain/api.ts statsView) on top of the filters.
 */
export function readStats<N extends StatsName>(db: Kysely<Database>, name: N, filters: Filters, view: ViewSettings = {}): Promise<StatsAnswer<N>> {
  const read = STATS_READS[name] as StatsRead<StatsAnswer<N>>;
  return read(db, filters, new URLSearchParams(statsParams(name, view)));
}
