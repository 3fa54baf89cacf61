import { describe, expect, test } from 'vitest';
import { PRESETS, presetOf, rangeLabel } from './date-presets';

const last = '2023-09-21';
const range = (id: string) => PRESETS.find((p) => p.id === id)?.range(last);

describe('date presets count back from the newest event', () => {
  test.each([
    ['7d', { from: '2023-09-15', to: last }],
    ['30d', { from: '2023-08-23', to: last }],
    ['90d', { from: '2023-06-24', to: last }],
    ['12m', { from: '2022-09-22', to: last }],
    ['all', {}],
  ])('%s', (id, expected) => {
    expect(range(id)).toEqual(expected);
  });

  test('a range is recognised as its preset, or labelled by its dates', () => {
    expect(presetOf('2023-09-15', last, last)?.id).toBe('7d');
    expect(presetOf(undefined, undefined, last)?.id).toBe('all');
    expect(rangeLabel('2023-09-01', '2023-09-30', last)).toBe('1–30 Sep 2023');
  });
});
