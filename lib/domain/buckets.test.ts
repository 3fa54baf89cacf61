import { describe, expect, test } from 'vitest';
import {
  AUTO_BUCKETS,
  autoBucket,
  BUCKETS,
  bucketEnd,
  bucketLabel,
  bucketLongLabel,
  bucketSchema,
  bucketSpanProblem,
  bucketStart,
  nextBucket,
  shownBucket,
  spanDays,
  yearTicks,
  type Bucket,
} from './buckets';
import { statsParams, statsView } from './api';
import { addDays } from './calendar';
import { parseView, viewToQuery } from './filters';

describe('the automatic bucket', () => {
  test.each([
    // range (both days counted), bucket, bars it gives
    ['2023-09-21', '2023-09-21', 'day'],
    ['2023-09-01', '2023-09-30', 'day'],
    ['2023-08-08', '2023-09-21', 'day'], // 45 days
    ['2023-08-07', '2023-09-21', 'week'], // 46 days
    ['2023-07-01', '2023-09-30', 'week'],
    ['2023-01-01', '2023-12-31', 'week'],
    ['2024-01-01', '2024-12-31', 'week'], // a leap year, 366 days
    ['2024-01-01', '2025-01-01', 'month'], // 367 days
    ['2022-01-01', '2023-12-31', 'month'],
    ['2019-01-01', '2023-12-31', 'month'], // five years, 60 months
    ['2020-01-01', '2024-12-31', 'month'], // five years with two leap days
    ['2020-01-01', '2025-01-01', 'quarter'],
    ['2009-01-01', '2023-12-31', 'quarter'], // fifteen years, 60 quarters
    ['2008-01-01', '2023-12-31', 'year'], // sixteen years
    ['1900-01-01', '2100-12-31', 'year'],
  ] as const)('%s to %s: per %s', (from, to, bucket) => {
    expect(autoBucket(spanDays(from, to))).toBe(bucket);
  });

  test('every automatic choice gives a readable number of bars', () => {
    // At each threshold (the widest range a bucket gets) the bars stay within about 60; just past
    // it, the next bucket's bars are not too few.
    const bars = (from: string, days: number, bucket: Bucket) => {
      let n = 0;
      for (let b = bucketStart(from, bucket); b <= addDays(from, days - 1); b = nextBucket(b, bucket)) n++;
      return n;
    };
    for (const { days, bucket } of AUTO_BUCKETS) {
      expect(autoBucket(days)).toBe(bucket);
      expect(bars('2019-01-01', days, bucket)).toBeLessThanOrEqual(61);
      const next = autoBucket(days + 1);
      expect(next).not.toBe(bucket);
      expect(bars('2019-01-01', days + 1, next)).toBeGreaterThanOrEqual(7);
    }
  });
});

describe('a bucket chosen', () => {
  test.each([
    [undefined, 30, 'day', true],
    [undefined, 6000, 'year', true],
    [undefined, null, 'day', true],
    ['quarter', 30, 'quarter', false],
    ['day', 732, 'day', false],
    // Too fine for the range: the automatic one instead.
    ['day', 733, 'month', true],
    ['week', 20 * 366 + 1, 'year', true],
    ['month', 70_000, 'month', false],
  ] as const)('%s over %s days shows %s (automatic: %s)', (chosen, days, bucket, auto) => {
    expect(shownBucket(chosen, days)).toEqual({ bucket, auto });
  });

  test('the span limits say why', () => {
    expect(bucketSpanProblem('day', '2022-01-01', '2023-12-31')).toBeNull();
    expect(bucketSpanProblem('day', '2021-01-01', '2023-12-31')).toBe('day buckets cover at most 732 days, and 2021-01-01 to 2023-12-31 is 1095; narrow from/to or use a larger bucket');
    expect(bucketSpanProblem('year', '1900-01-01', '2100-12-31')).toBeNull();
  });

  test('the URL and the API take the five names, and nothing else', () => {
    for (const b of BUCKETS) expect(bucketSchema.parse(b)).toBe(b);
    for (const bad of ['auto', 'Quarter', 'decade', '', '__proto__']) expect(bucketSchema.safeParse(bad).success).toBe(false);
    expect(bucketSchema.safeParse('decade').error?.issues[0]?.message).toBe('must be one of day, week, month, quarter, year (leave it out for the one that suits the range)');
  });
});

describe('where buckets begin and end, and how they are written', () => {
  test.each([
    ['2023-09-21', 'day', '2023-09-21', '2023-09-21', '21 Sep', '21 Sep 2023'],
    ['2023-09-21', 'week', '2023-09-18', '2023-09-24', 'w/c 18 Sep', 'Week of 18 Sep 2023'],
    ['2023-09-17', 'week', '2023-09-11', '2023-09-17', 'w/c 11 Sep', 'Week of 11 Sep 2023'],
    ['2021-01-02', 'week', '2020-12-28', '2021-01-03', 'w/c 28 Dec', 'Week of 28 Dec 2020'],
    ['2023-02-14', 'month', '2023-02-01', '2023-02-28', 'Feb 2023', 'Feb 2023'],
    ['2024-02-14', 'month', '2024-02-01', '2024-02-29', 'Feb 2024', 'Feb 2024'],
    ['2023-01-01', 'quarter', '2023-01-01', '2023-03-31', 'Q1 2023', 'Q1 2023'],
    ['2023-05-31', 'quarter', '2023-04-01', '2023-06-30', 'Q2 2023', 'Q2 2023'],
    ['2023-09-21', 'quarter', '2023-07-01', '2023-09-30', 'Q3 2023', 'Q3 2023'],
    ['2023-12-31', 'quarter', '2023-10-01', '2023-12-31', 'Q4 2023', 'Q4 2023'],
    ['2023-09-21', 'year', '2023-01-01', '2023-12-31', '2023', '2023'],
    ['2024-02-29', 'year', '2024-01-01', '2024-12-31', '2024', '2024'],
  ] as const)('%s per %s: %s to %s, "%s", "%s"', (day, bucket, start, end, short, long) => {
    expect(bucketStart(day, bucket)).toBe(start);
    expect(bucketEnd(start, bucket)).toBe(end);
    expect(nextBucket(start, bucket)).toBe(addDays(end, 1));
    expect(bucketStart(end, bucket)).toBe(start);
    expect(bucketLabel(start, bucket)).toBe(short);
    expect(bucketLongLabel(start, bucket)).toBe(long);
  });
});

describe('year ticks', () => {
  const run = (from: string, n: number, bucket: Bucket) => {
    const out: string[] = [];
    for (let b = from; out.length < n; b = nextBucket(b, bucket)) out.push(b);
    return out;
  };

  test.each([
    ['day', run('2023-01-01', 40, 'day'), null],
    ['week', run('2022-12-26', 53, 'week'), null],
    // Months within one year, or across one new year only: their own labels.
    ['month', run('2023-01-01', 12, 'month'), null],
    ['month', run('2022-07-01', 13, 'month'), null],
    ['month', run('2022-07-01', 30, 'month'), ['2023-01-01', '2024-01-01']],
    ['quarter', run('2023-07-01', 3, 'quarter'), null],
    ['quarter', run('2019-04-01', 20, 'quarter'), ['2020-01-01', '2021-01-01', '2022-01-01', '2023-01-01', '2024-01-01']],
    ['year', run('2008-01-01', 16, 'year'), run('2008-01-01', 16, 'year')],
    ['year', run('2001-01-01', 23, 'year'), ['2002-01-01', '2004-01-01', '2006-01-01', '2008-01-01', '2010-01-01', '2012-01-01', '2014-01-01', '2016-01-01', '2018-01-01', '2020-01-01', '2022-01-01']],
    ['year', run('2015-01-01', 9, 'year'), run('2015-01-01', 9, 'year')],
  ] as const)('per %s (%#)', (bucket, buckets, ticks) => {
    expect(yearTicks(buckets, bucket)).toEqual(ticks);
  });

  test('never more than asked for, over two centuries too', () => {
    const years = run('1900-01-01', 201, 'year');
    const ticks = yearTicks(years, 'year')!;
    expect(ticks.length).toBeLessThanOrEqual(16);
    expect(ticks[0]).toBe('1900-01-01');
    expect(yearTicks(run('1900-01-01', 2412, 'month'), 'month')!.length).toBeLessThanOrEqual(16);
    expect(yearTicks(years, 'year', 5)!.length).toBeLessThanOrEqual(5);
  });
});

describe('the bucket as the dashboard asks for it', () => {
  const all = { first: '2008-03-02', last: '2023-09-21' };
  test.each([
    // view, range, data, what the over-time chart is asked with
    [{}, {}, all, {}],
    [{ bucket: 'quarter' }, {}, all, { bucket: 'quarter' }],
    [{ bucket: 'day' }, { from: '2023-09-01' }, all, { bucket: 'day' }],
    // Too fine for the range: asked for the automatic one, never for what the API refuses.
    [{ bucket: 'day' }, {}, all, {}],
    [{ bucket: 'week' }, { from: '1990-01-01' }, all, {}],
    [{ bucket: 'day' }, {}, { first: null, last: null }, { bucket: 'day' }],
  ] as const)('%o over %o', (view, range, bounds, asked) => {
    expect(statsView('over-time', view, range, bounds)).toEqual(asked);
    expect(statsParams('over-time', asked)).toEqual(asked);
  });

  test('the other charts take no bucket: their queries do not change with it', () => {
    expect(statsView('countries', { bucket: 'year' }, {}, all)).toEqual({});
    expect(statsParams('countries', { bucket: 'year' })).toEqual({ limit: '250' });
  });

  test('the view settings read as the filters do, and are written after them in a fixed order', () => {
    expect(parseView(new URLSearchParams('country=VE&bucket=%20year%20'))).toEqual({ ok: true, view: { bucket: 'year' } });
    expect(parseView(new URLSearchParams('bucket=decade')).ok).toBe(false);
    expect(viewToQuery({ bucket: 'quarter' })).toBe('bucket=quarter');
    expect(viewToQuery({})).toBe('');
  });
});
