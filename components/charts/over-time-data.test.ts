import { describe, expect, test } from 'vitest';
import { bucketEnd, bucketLongLabel, bucketStart, pivotOverTime } from './over-time-data';

describe('over-time buckets', () => {
  test.each([
    ['2023-09-21', 'day', '2023-09-21', '2023-09-21'],
    ['2023-09-21', 'week', '2023-09-18', '2023-09-24'],
    ['2023-09-17', 'week', '2023-09-11', '2023-09-17'],
    ['2023-02-14', 'month', '2023-02-01', '2023-02-28'],
    ['2023-08-14', 'quarter', '2023-07-01', '2023-09-30'],
    ['2024-02-29', 'year', '2024-01-01', '2024-12-31'],
  ] as const)('%s per %s starts %s and ends %s', (day, bucket, start, end) => {
    expect(bucketStart(day, bucket)).toBe(start);
    expect(bucketEnd(start, bucket)).toBe(end);
  });

  test('pivots per bucket and type, fills quiet buckets, spans the range asked for', () => {
    const { rows, types } = pivotOverTime(
      [
        { bucket: '2023-09-20', type: 'multilateral', count: 3 },
        { bucket: '2023-09-20', type: 'meeting', count: 6 },
        { bucket: '2023-09-21', type: 'meeting', count: 1 },
      ],
      'day',
      { from: '2023-09-19', to: '2023-09-21' },
    );
    expect(types).toEqual(['meeting', 'multilateral']);
    expect(rows).toEqual([
      { bucket: '2023-09-19', total: 0, meeting: 0, multilateral: 0 },
      { bucket: '2023-09-20', total: 9, meeting: 6, multilateral: 3 },
      { bucket: '2023-09-21', total: 1, meeting: 1, multilateral: 0 },
    ]);
  });

  test('quarters: the quiet ones filled in, across a new year, from the quarter the range begins in', () => {
    const { rows } = pivotOverTime(
      [
        { bucket: '2022-10-01', type: 'meeting', count: 4 },
        { bucket: '2023-04-01', type: 'meeting', count: 2 },
        { bucket: '2023-04-01', type: 'phone_call', count: 1 },
      ],
      'quarter',
      { from: '2022-08-15', to: '2023-05-31' },
    );
    expect(rows).toEqual([
      { bucket: '2022-07-01', total: 0, meeting: 0, phone_call: 0 },
      { bucket: '2022-10-01', total: 4, meeting: 4, phone_call: 0 },
      { bucket: '2023-01-01', total: 0, meeting: 0, phone_call: 0 },
      { bucket: '2023-04-01', total: 3, meeting: 2, phone_call: 1 },
    ]);
    expect(rows.map((r) => bucketLongLabel(r.bucket, 'quarter'))).toEqual(['Q3 2022', 'Q4 2022', 'Q1 2023', 'Q2 2023']);
  });

  test('years: one row a year, the quiet ones too, to the year the range ends in', () => {
    const { rows } = pivotOverTime(
      [
        { bucket: '2008-01-01', type: 'meeting', count: 10 },
        { bucket: '2010-01-01', type: 'meeting', count: 5 },
      ],
      'year',
      { from: '2008-03-01', to: '2011-12-31' },
    );
    expect(rows.map((r) => [bucketLongLabel(r.bucket, 'year'), r.total])).toEqual([
      ['2008', 10],
      ['2009', 0],
      ['2010', 5],
      ['2011', 0],
    ]);
  });
});
