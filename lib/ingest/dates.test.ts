import { describe, expect, test } from 'vitest';
import { localDay } from './dates';

const moscowDay = (at: Date): string | null => localDay(at, 'Europe/Moscow');

// Moscow's clock: UTC+3 with summer time (UTC+4) until 27 March 2011, UTC+4 all year from then
// to 26 October 2014 (02:00 local, 22:00 UTC the day before), UTC+3 since. A fixed offset got
// every evening post of 2011–2014 and of pre-2011 summers a day early.
describe('localDay in Moscow, across the changes of 2011 and 2014', () => {
  test.each([
    // Before 2011: winter UTC+3, summer UTC+4.
    ['2010-01-15T20:59:00Z', '2010-01-15', 'winter 2010, 23:59 at UTC+3'],
    ['2010-01-15T21:00:00Z', '2010-01-16', 'winter 2010, midnight at UTC+3'],
    ['2010-07-01T20:30:00Z', '2010-07-02', 'summer 2010, 00:30 at UTC+4'],
    ['2010-07-01T19:59:00Z', '2010-07-01', 'summer 2010, 23:59 at UTC+4'],
    // 27 March 2011: clocks went forward and stayed.
    ['2011-03-26T20:30:00Z', '2011-03-26', 'the eve of the 2011 change, 23:30 at UTC+3'],
    ['2011-03-27T20:30:00Z', '2011-03-28', 'the day of the 2011 change, 00:30 at UTC+4'],
    ['2011-12-31T20:30:00Z', '2012-01-01', 'winter 2011, 00:30 at UTC+4 (no winter time any more)'],
    ['2013-06-01T20:30:00Z', '2013-06-02', '2013, 00:30 at UTC+4'],
    ['2013-06-01T19:59:00Z', '2013-06-01', '2013, 23:59 at UTC+4'],
    // 26 October 2014: back to UTC+3 for good.
    ['2014-10-25T20:30:00Z', '2014-10-26', 'the eve of the 2014 change, 00:30 at UTC+4'],
    ['2014-10-25T21:59:00Z', '2014-10-26', 'just before the 2014 change, 01:59 at UTC+4'],
    ['2014-10-26T20:30:00Z', '2014-10-26', 'the day of the 2014 change, 23:30 at UTC+3'],
    ['2014-10-26T21:00:00Z', '2014-10-27', 'after the 2014 change, midnight at UTC+3'],
    ['2020-06-01T20:59:59Z', '2020-06-01', '2020, 23:59:59 at UTC+3'],
    ['2020-06-01T21:00:00Z', '2020-06-02', '2020, midnight at UTC+3'],
    ['2025-12-19T15:06:58Z', '2025-12-19', 'a post of the stream, 18:06'],
  ])('%s is %s (%s)', (at, day) => {
    expect(localDay(new Date(at), 'Europe/Moscow')).toBe(day);
    // The temporary wrapper gives the same day.
    expect(moscowDay(new Date(at))).toBe(day);
  });
});

describe('localDay in other zones', () => {
  test.each([
    ['2023-09-20T23:30:00Z', 'UTC', '2023-09-20'],
    ['2023-09-20T23:30:00Z', 'Asia/Tokyo', '2023-09-21'],
    ['2023-09-21T03:30:00Z', 'America/New_York', '2023-09-20'],
    // Summer time in New York: UTC-4 in July, UTC-5 in January.
    ['2023-07-01T03:30:00Z', 'America/New_York', '2023-06-30'],
    ['2023-01-01T04:30:00Z', 'America/New_York', '2022-12-31'],
    ['2023-01-01T05:30:00Z', 'America/New_York', '2023-01-01'],
    // A zone half an hour off the hour.
    ['2023-09-20T18:29:00Z', 'Asia/Kolkata', '2023-09-20'],
    ['2023-09-20T18:30:00Z', 'Asia/Kolkata', '2023-09-21'],
    // A zone that skipped a day: Samoa went from 29 to 31 December 2011.
    ['2011-12-30T10:00:00Z', 'Pacific/Apia', '2011-12-31'],
  ])('%s in %s is %s', (at, zone, day) => {
    expect(localDay(new Date(at), zone)).toBe(day);
  });

  test('the same instant is a different day in different zones, formatter by formatter', () => {
    const at = new Date('2023-09-20T22:30:00Z');
    expect([localDay(at, 'Europe/Moscow'), localDay(at, 'Europe/London'), localDay(at, 'Europe/Moscow')]).toEqual(['2023-09-21', '2023-09-20', '2023-09-21']);
  });
});

describe('localDay at the edges of the years read', () => {
  test.each([
    ['1900-01-01T00:00:00Z', 'UTC', '1900-01-01'],
    ['1899-12-31T23:59:59Z', 'UTC', null],
    // The last hours of 2100 in UTC are already 2101 in Moscow.
    ['2100-12-31T20:00:00Z', 'Europe/Moscow', '2100-12-31'],
    ['2100-12-31T23:00:00Z', 'Europe/Moscow', null],
    ['2100-12-31T23:00:00Z', 'UTC', '2100-12-31'],
    ['0099-06-01T00:00:00Z', 'UTC', null],
    ['-000001-01-01T00:00:00Z', 'Europe/Moscow', null],
    ['+275760-09-13T00:00:00Z', 'Europe/Moscow', null],
  ])('%s in %s is %s', (at, zone, day) => {
    expect(localDay(new Date(at), zone)).toBe(day);
  });

  test('an invalid date has no day', () => {
    expect(localDay(new Date(Number.NaN), 'Europe/Moscow')).toBeNull();
    expect(moscowDay(new Date('not a date'))).toBeNull();
  });

  test('a zone Intl does not know is an error, not a wrong day', () => {
    expect(() => localDay(new Date('2023-09-20T10:00:00Z'), 'Europe/Atlantis')).toThrow(RangeError);
  });
});

describe('localDay agrees with Intl at every kind of instant', () => {
  // localDay keeps each UTC day's offset; this checks it against Intl asked afresh, at seeded
  // instants over the whole range, densely around the changes, in zones with odd histories
  // (local mean time, half-hour and two-hour summer time, a skipped day).
  const zones = ['Europe/Moscow', 'Pacific/Apia', 'Australia/Lord_Howe', 'Antarctica/Troll', 'America/St_Johns', 'Asia/Kathmandu'];
  const seeded = (seed: number) => () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const from = Date.UTC(1900, 0, 2);
  const to = Date.UTC(2100, 11, 30);
  const around = ['2011-03-26T23:00:00Z', '2014-10-25T22:00:00Z', '2011-12-30T10:00:00Z', '1919-07-01T00:00:00Z', '1930-06-21T00:00:00Z'].map(Date.parse);

  test.each(zones)('%s', (zone) => {
    const fresh = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    const rand = seeded(zone.length);
    const instants = [
      ...Array.from({ length: 3000 }, () => from + Math.floor(rand() * (to - from))),
      ...around.flatMap((t) => Array.from({ length: 200 }, (_, i) => t + (i - 100) * 15 * 60_000 + 7_000)),
    ];
    const wrong = instants.filter((t) => localDay(new Date(t), zone) !== fresh.format(t)).map((t) => new Date(t).toISOString());
    expect(wrong).toEqual([]);
  });
});
