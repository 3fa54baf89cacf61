import { describe, expect, test } from 'vitest';
import { formatWeekRange, isoWeekOf, parseWeek, shiftWeek } from './week';

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
