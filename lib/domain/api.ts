// What the JSON routes answer, declared once: db/queries returns these shapes, lib/server serves
// them, components/data asks for them. Also the stats contract (which charts there are, and
// what the dashboard asks of each beyond the filters) and the timeline's cursor as it travels in
// a URL. No I/O here.
import { shownBucket, spanDays, type Bucket } from './buckets';
import type { Filters, ViewKey, ViewSettings } from './filters';

export type { Bucket };

// ---- /api/stats/* ----

export interface Headline {
  contacts: number;
  countries: number;
  organizations: number;
  posts: number;
}

export interface HeadlineWithChange {
  current: Headline;
  /**
   * The period of the same length just before, when there is data all through it; null when it
   * would begin before the first event (all time, or a range from the data's first days).
   */
  previous: Headline | null;
  range: { from: string | null; to: string | null };
  previousRange: { from: string; to: string } | null;
}

export interface CodeCount {
  code: string;
  count: number;
}

export interface TimeCount {
  /** First day of the bucket, YYYY-MM-DD (weeks start on Monday, ISO). */
  bucket: string;
  type: string;
  count: number;
}

/** What /api/stats/over-time answers: the bucket asked for (or the one that suits the range), and counts per bucket and type. */
export interface OverTime {
  bucket: Bucket;
  series: TimeCount[];
}

export interface MatrixCell {
  country: string;
  topic: string;
  count: number;
}

export interface DateBounds {
  first: string | null;
  last: string | null;
}

/**
 * A stats read as the dashboard asks for it: the query parameters it adds to the filters, the
 * view settings it takes from the URL (lib/domain/filters.ts VIEW_KEYS), and (for the compiler
 * alone) the type of the answer.
 */
export interface Stat<T> {
  params: Readonly<Record<string, string>>;
  view: readonly ViewKey[];
  /** Never set: carries the answer's type. */
  answer?: T;
}

function stat<T>(params: Record<string, string> = {}, view: readonly ViewKey[] = []): Stat<T> {
  return { params, view };
}

/** Every counterpart country: the map needs them all, the chart shows the top. */
export const COUNTRY_LIMIT = 250;
export const ORGANIZATION_LIMIT = 200;

/**
 * The dashboard's charts, each served by /api/stats/NAME (lib/server/stats.ts reads it), asked
 * for by components/data/stats.ts and read ahead for the first view under the same query key.
 * A new chart is one line here.
 */
export const STATS = {
  headline: stat<HeadlineWithChange>(),
  countries: stat<CodeCount[]>({ limit: String(COUNTRY_LIMIT) }),
  organizations: stat<CodeCount[]>({ limit: String(ORGANIZATION_LIMIT) }),
  topics: stat<CodeCount[]>({ limit: '200' }),
  'over-time': stat<OverTime>({}, ['bucket']),
  matrix: stat<MatrixCell[]>(),
  // Not a chart: the counts beside the names in the filter lists.
  principals: stat<CodeCount[]>(),
} as const;

export type StatsName = keyof typeof STATS;
export type StatsAnswer<N extends StatsName> = (typeof STATS)[N] extends Stat<infer T> ? T : never;
export const STATS_NAMES = Object.keys(STATS) as StatsName[];

/** The charts the dashboard shows at once (principals only count the filter list, on its opening). */
export const DASHBOARD_CHARTS: readonly StatsName[] = STATS_NAMES.filter((n) => n !== 'principals');

export function isStatsName(s: string): s is StatsName {
  return Object.hasOwn(STATS, s);
}

/** Days of the range a view shows, an open end at the data's first or last event day (`bounds`); null with no data. */
export function viewSpanDays(filters: Pick<Filters, 'from' | 'to'>, bounds: DateBounds): number | null {
  const from = filters.from ?? bounds.first;
  const to = filters.to ?? bounds.last;
  return from && to ? spanDays(from, to) : null;
}

/**
 * The view settings a chart is asked with: those it takes, and of those only what fits the range
 * shown. A bucket too fine for the range gives way to the automatic one, as the panel shows it,
 * so the dashboard never asks for what the API refuses.
 */
export function statsView(name: StatsName, view: ViewSettings, filters: Pick<Filters, 'from' | 'to'>, bounds: DateBounds): ViewSettings {
  const takes: readonly ViewKey[] = STATS[name].view;
  const out: ViewSettings = {};
  if (takes.includes('bucket') && view.bucket) {
    const shown = shownBucket(view.bucket, viewSpanDays(filters, bounds));
    if (!shown.auto) out.bucket = shown.bucket;
  }
  return out;
}

/** The query parameters of a chart beyond the filters: the contract's, then its view settings. */
export function statsParams(name: StatsName, view: ViewSettings = {}): Record<string, string> {
  const out: Record<string, string> = { ...STATS[name].params };
  for (const key of STATS[name].view) {
    const value = view[key];
    if (value) out[key] = value;
  }
  return out;
}

// ---- /api/chart/NAME: the charts as pictures, drawn on the server ----

export const CHART_NAMES = ['countries', 'organizations', 'topics', 'over-time', 'matrix', 'map'] as const;
export type ChartName = (typeof CHART_NAMES)[number];

// ---- /api/events ----

export interface Cursor {
  date: string | null;
  id: number;
}

export interface EventPerson {
  name: string;
  title: string | null;
  country: string | null;
}

export interface EventSummary {
  id: number;
  /** Day of the event, YYYY-MM-DD; null when no post dates it. */
  date: string | null;
  type: string;
  principal: string | null;
  venue: string | null;
  title: string;
  countries: { code: string; role: string }[];
  organizations: { code: string; role: string }[];
  people: EventPerson[];
  topics: string[];
  posts: { id: number; lang: string }[];
}

export interface EventsPage {
  events: EventSummary[];
  next: Cursor | null;
}

/**
 * /api/view: a whole view in one answer, every chart the dashboard shows and the timeline's
 * first page, read as their own routes read them; a filter click asks it once, not seven times.
 */
export interface ViewAnswer {
  stats: { [N in StatsName]?: StatsAnswer<N> };
  events: EventsPage;
}

/** The timeline's page size, as the dashboard asks for it. */
export const EVENTS_PAGE_SIZE = 30;

export type EvidenceField = 'date' | 'type' | 'country' | 'organization' | 'topic' | 'person' | 'principal' | 'venue';

/** Why the parser decided something: the exact phrase of the post text. */
export interface Evidence {
  field: EvidenceField;
  /** The decided value: a date, type, ISO code, org code, topic code, name ... */
  value: string;
  /** The phrase as it stands in the text (so it can be highlighted). */
  phrase: string;
  /** The lexicon rule or stage that decided it ("en.trigger.meeting", "flag-pair"), for tracing. */
  rule?: string;
}

export interface SourcePost {
  id: number;
  lang: string;
  text: string;
  url: string | null;
  postedAt: Date | null;
  channel: string;
  /** The phrases of this post that decided the event. */
  evidence: Evidence[];
}

export interface EventDetail extends EventSummary {
  summary: string;
  topicPhrases: Record<string, string[]>;
  sources: SourcePost[];
}

/** Cursor as it travels in a URL: "2023-09-20_17" or "null_4". */
export function encodeCursor(c: Cursor): string {
  return `${c.date ?? 'null'}_${c.id}`;
}

export function decodeCursor(s: string): Cursor | null {
  const m = /^(\d{4}-\d{2}-\d{2}|null)_(\d{1,10})$/.exec(s);
  if (!m) return null;
  return { date: m[1] === 'null' ? null : (m[1] ?? null), id: Number(m[2]) };
}
