import { describe, expect, test } from 'vitest';
import { EMPTY_FILTERS } from '@/lib/domain/filters';
import { dashboardHref, readFilters } from './url-filters';

describe('readFilters', () => {
  test('a good URL reads as parseFilters reads it', () => {
    const r = readFilters(new URLSearchParams('country=VE,JO&topic=middle_east'));
    expect(r.problems).toEqual([]);
    expect(r.filters.country).toEqual(['VE', 'JO']);
  });

  test('bad parameters are dropped and named; good ones stay', () => {
    const r = readFilters({ country: 'XX', topic: 'middle_east', from: '2023-02-30' });
    expect(r.filters.topic).toEqual(['middle_east']);
    expect(r.filters.country).toEqual([]);
    expect(r.filters.from).toBeUndefined();
    expect(r.problems.map((p) => p.key).sort()).toEqual(['country', 'from']);
    expect(r.problems.find((p) => p.key === 'country')?.message).toContain('country=XX');
  });

  test('from after to drops from, not the page', () => {
    const r = readFilters(new URLSearchParams('from=2023-09-30&to=2023-09-01'));
    expect(r.filters).toEqual({ ...EMPTY_FILTERS, to: '2023-09-01' });
    expect(r.problems[0]!.message).toContain('from must not be after to');
  });
});

describe('dashboardHref', () => {
  test('defaults are left out; the contact types are written as none', () => {
    expect(dashboardHref(EMPTY_FILTERS)).toBe('/');
    expect(dashboardHref({ ...EMPTY_FILTERS, type: ['multilateral', 'meeting', 'phone_call'] })).toBe('/');
    expect(dashboardHref({ ...EMPTY_FILTERS, from: '2023-09-01', to: '2023-09-30', country: ['VE', 'JO'], topic: ['middle_east'] })).toBe(
      '/?from=2023-09-01&to=2023-09-30&country=VE,JO&topic=middle_east',
    );
  });
});
