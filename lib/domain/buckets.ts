// The time buckets of the over-time chart: which there are, which one suits a range, how long a
// range each may be asked for, where each begins and ends, and how each is written. The server's
// read, the dashboard's chart and the PNG picture all go through these, so they agree. No I/O.
import * as z from 'zod/mini';
import { addDays, addMonths, daysBetween, formatDate, formatDayMonth, formatMonth } from './calendar';

export const BUCKETS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Bucket = (typeof BUCKETS)[number];

export function isBucket(s: string): s is Bucket {
  return (BUCKETS as readonly string[]).includes(s);
}

/** `bucket=` as the URL and the API read it; absent means the one that suits the range. */
export const bucketSchema = z.enum(BUCKETS, { message: `must be one of ${BUCKETS.join(', ')} (leave it out for the one that suits the range)` });

/**
 * The automatic choice, finest first: a range of at most `days` days gets `bucket`. Each step
 * keeps a range to roughly 12–60 bars (45 days; 7–53 weeks; 13–60 months; 20–60 quarters); past
 * fifteen years, years (16 and up: the data's 1900–2100 is 201 at most).
 */
export const AUTO_BUCKETS: readonly { days: number; bucket: Bucket }[] = [
  { days: 45, bucket: 'day' },
  { days: 366, bucket: 'week' },
  { days: 5 * 365 + 2, bucket: 'month' },
  { days: 15 * 365 + 4, bucket: 'quarter' },
];

/** The bucket that gives a readable number of bars for a range of `days` days. */
export function autoBucket(days: number): Bucket {
  return AUTO_BUCKETS.find((s) => days <= s.days)?.bucket ?? 'year';
}

/** Days from `from` to `to`, both counted. */
export function spanDays(from: string, to: string): number {
  return daysBetween(from, to) + 1;
}

/**
 * The longest range each bucket may be asked for. A client fills in the empty buckets between,
 * so what it handles grows with the range, not with the data: two years of days (732 buckets)
 * or twenty years of weeks (~1,045) is as far as a chart or a table stays of use. Months and
 * coarser always fit, as dates run from 1900 to 2100 (2,412 months).
 */
export const MAX_SPAN_DAYS: Readonly<Record<Bucket, number>> = { day: 2 * 366, week: 20 * 366, month: Infinity, quarter: Infinity, year: Infinity };

/** Whether a bucket may be asked for over a range of `days` days. */
export function bucketFits(bucket: Bucket, days: number): boolean {
  return days <= MAX_SPAN_DAYS[bucket];
}

/** Why a bucket may not be asked for over a range, or null when it may. */
export function bucketSpanProblem(bucket: Bucket, from: string, to: string): string | null {
  const days = spanDays(from, to);
  if (bucketFits(bucket, days)) return null;
  return `${bucket} buckets cover at most ${MAX_SPAN_DAYS[bucket]} days, and ${from} to ${to} is ${days}; narrow from/to or use a larger bucket`;
}

/**
 * The bucket a view shows: the one chosen when it fits the range (`days`, null when unknown),
 * else the automatic one; `auto` says which of the two it is.
 */
export function shownBucket(chosen: Bucket | undefined, days: number | null): { bucket: Bucket; auto: boolean } {
  if (chosen && (days === null || bucketFits(chosen, days))) return { bucket: chosen, auto: false };
  return { bucket: days === null ? 'day' : autoBucket(days), auto: true };
}

/** The most bars a chart draws: every month from 1900 to 2100 (2,412) and every day or week a range may be asked for. */
export const MAX_BARS = 2_500;

// ---- where a bucket begins and ends (weeks are ISO weeks, from Monday; quarters begin in January, April, July and October) ----

/** The first day of the bucket a day falls in. */
export function bucketStart(day: string, bucket: Bucket): string {
  switch (bucket) {
    case 'day':
      return day;
    case 'week': {
      const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
      return addDays(day, -((wd + 6) % 7));
    }
    case 'month':
      return `${day.slice(0, 7)}-01`;
    case 'quarter': {
      const m = Number(day.slice(5, 7));
      return `${day.slice(0, 4)}-${String(m - ((m - 1) % 3)).padStart(2, '0')}-01`;
    }
    case 'year':
      return `${day.slice(0, 4)}-01-01`;
  }
}

/** The first day of the bucket after the one that begins on `start`. */
export function nextBucket(start: string, bucket: Bucket): string {
  switch (bucket) {
    case 'day':
      return addDays(start, 1);
    case 'week':
      return addDays(start, 7);
    case 'month':
      return addMonths(start, 1);
    case 'quarter':
      return addMonths(start, 3);
    case 'year':
      return addMonths(start, 12);
  }
}

/** The last day of the bucket that begins on `start`. */
export function bucketEnd(start: string, bucket: Bucket): string {
  return addDays(nextBucket(start, bucket), -1);
}

// ---- how a bucket is written ----

const quarterOf = (start: string) => `Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1} ${start.slice(0, 4)}`;

/** Short, under a bar: "21 Sep", "w/c 18 Sep", "Sep 2023", "Q3 2023", "2023". */
export function bucketLabel(start: string, bucket: Bucket): string {
  switch (bucket) {
    case 'day':
      return formatDayMonth(start);
    case 'week':
      return `w/c ${formatDayMonth(start)}`;
    case 'month':
      return formatMonth(start);
    case 'quarter':
      return quarterOf(start);
    case 'year':
      return start.slice(0, 4);
  }
}

/** In full, in a table or a tooltip: "21 Sep 2023", "Week of 18 Sep 2023", "Sep 2023", "Q3 2023", "2023". */
export function bucketLongLabel(start: string, bucket: Bucket): string {
  switch (bucket) {
    case 'day':
      return formatDate(start);
    case 'week':
      return `Week of ${formatDate(start)}`;
    default:
      return bucketLabel(start, bucket);
  }
}

const YEAR_STEPS = [1, 2, 5, 10, 20, 50] as const;

/**
 * The ticks of a time axis whose bars are months, quarters or years over two years or more: one
 * at each year's first bucket (every 2nd, 5th, 10th ... year when there would be more than
 * `max`), written as the year. Null when the bars' own labels serve (days, weeks, or less than
 * two year starts in view).
 */
export function yearTicks(buckets: readonly string[], bucket: Bucket, max = 16): string[] | null {
  if (bucket === 'day' || bucket === 'week') return null;
  const starts = buckets.filter((b) => b.endsWith('-01-01'));
  if (starts.length < 2) return null;
  const step = YEAR_STEPS.find((s) => Math.ceil(starts.length / s) <= max) ?? 100;
  return starts.filter((b) => Number(b.slice(0, 4)) % step === 0);
}
