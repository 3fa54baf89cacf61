import { describe, expect, test } from 'vitest';
import { percentile } from './stats';

describe('benchmark helpers', () => {
  test('percentiles by nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(xs, 50), percentile(xs, 95), percentile(xs, 100)]).toEqual([50, 95, 100]);
    expect(percentile([], 50)).toBeNaN();
  });
});
