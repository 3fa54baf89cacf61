import { describe, expect, test } from 'vitest';
import { addDays, addMonths, daysBetween, formatDate, formatDay, formatDayMonth, formatInstant, formatMonth, formatRange, formatWeekRange, isoWeekOf, parseWeek, shiftWeek } from './calendar';

describe('ISO weeks', () => {
  test.each([
    ['2023-W38', '2023-09-18', '2023-09-24', '18–24 Sep 2023'],
    ['2023-W35', '2023-08-28', '2023-09-03', '28 Aug – 3 Sep 2023'],
    ['2020-W53', '2020-12-28', '2021-01-03', '28 Dec 2020 – 3 Jan 2021'],
    ['2025-W01', '2024-12-30', '2025-01-05', '30 Dec 2024 – 5 Jan 2025'],
  ])('%s is %s to %s', (code, from, to, label) => {
    const w = parseWeek(code);
    expect(w).toMatchObject({ code, from, to });
    expect(formatWeekRange(w!)).toBe(label);
    expect(isoWeekOf(from).code).toBe(code);
    expect(isoWeekOf(to).code).toBe(code);
  });

  test.each(['2023-W60', '2023-W00', '2023-W53', 'abc', '2023-38', '2023-W5', ''])('%s is no week', (code) => {
    expect(parseWeek(code)).toBeNull();
  });

  test('previous and next weeks across a year end', () => {
    expect(shiftWeek(parseWeek('2021-W01')!, -1).code).toBe('2020-W53');
    expect(shiftWeek(parseWeek('2020-W53')!, 1).code).toBe('2021-W01');
    expect(shiftWeek(parseWeek('2023-W38')!, -1).code).toBe('2023-W37');
  });
});

describe('days', () => {
  test('arithmetic across month, year and leap-day ends, in any time zone', () => {
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2023-09-18', '2023-09-24')).toBe(6);
    expect(daysBetween('2024-01-01', '2023-01-01')).toBe(-365);
    // Across a clock change it is still whole days.
    expect(daysBetween('2023-03-25', '2023-03-27')).toBe(2);
    expect(addMonths('2023-03-31', -1)).toBe('2023-02-28');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2023-11-15', 3)).toBe('2024-02-15');
  });

  test.each([
    ['2023-09-21', '2023-09-21', '21 Sep 2023'],
    ['2023-09-19', '2023-09-21', '19–21 Sep 2023'],
    ['2023-08-30', '2023-09-21', '30 Aug – 21 Sep 2023'],
    ['2022-12-30', '2023-01-02', '30 Dec 2022 – 2 Jan 2023'],
  ])('%s to %s is written "%s"', (from, to, text) => {
    expect(formatRange(from, to)).toBe(text);
  });

  test('one day, written four ways, and an instant in UTC', () => {
    expect([formatDay('2023-09-21'), formatDate('2023-09-21'), formatDayMonth('2023-09-21'), formatMonth('2023-09-21')]).toEqual(['Thu 21 Sep 2023', '21 Sep 2023', '21 Sep', 'Sep 2023']);
    expect(formatInstant('2023-09-20T23:30:00+03:00')).toBe('20 Sep 2023, 20:30 UTC');
    expect(formatInstant('not a time')).toBe('not a time');
  });
});
