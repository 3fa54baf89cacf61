import { describe, expect, test } from 'vitest';
import { bucketEnd, bucketStart, pivotOverTime } from './over-time-data';

describe('over-time buckets', () => {
  test.each([
    ['2023-09-21', 'day', '2023-09-21', '2023-09-21'],
    ['2023-09-21', 'week', '2023-09-18', '2023-09-24'],
    ['2023-09-17', 'week', '2023-09-11', '2023-09-17'],
    ['2023-02-14', 'month', '2023-02-01', '2023-02-28'],
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
});
