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
    expect(r.problems.find((p) => p.key === 'country')?.message).toMatch(/^country: XX left out \(is not an ISO/);
  });

  test('in a list only the values that do not parse are left out, each named', () => {
    const r = readFilters(new URLSearchParams('country=XX,VE&country=ZZ,JO&topic=middle_east,nonsense'));
    expect(r.filters.country).toEqual(['VE', 'JO']);
    expect(r.filters.topic).toEqual(['middle_east']);
    expect(r.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^country: XX left out/),
      expect.stringMatching(/^country: ZZ left out/),
      expect.stringMatching(/^topic: nonsense left out/),
    ]);
    // A list that is too long as a whole is dropped as a whole.
    const long = readFilters(new URLSearchParams(`country=${Array.from({ length: 51 }, () => 'VE').join(',')}`));
    expect(long.filters.country).toEqual([]);
    expect(long.problems[0]!.message).toMatch(/^country=VE,.*: at most 50 countries/);
  });

  test('the bucket is a view setting: read beside the filters, a bad one left out and said', () => {
    expect(readFilters(new URLSearchParams('country=VE&bucket=quarter'))).toMatchObject({ view: { bucket: 'quarter' }, problems: [] });
    expect(readFilters(new URLSearchParams('country=VE&bucket=quarter')).filters).toEqual({ ...EMPTY_FILTERS, country: ['VE'] });
    // Empty is none, as for a filter; the last of repeated keys counts.
    expect(readFilters(new URLSearchParams('bucket=')).view).toEqual({});
    expect(readFilters(new URLSearchParams('bucket=day&bucket=year')).view).toEqual({ bucket: 'year' });
    for (const bad of ['quart', 'Quarter', 'auto', 'decade']) {
      const r = readFilters(new URLSearchParams(`country=VE&bucket=${bad}`));
      expect(r.view).toEqual({});
      expect(r.filters.country).toEqual(['VE']);
      expect(r.problems).toEqual([{ key: 'bucket', message: expect.stringMatching(new RegExp(`^bucket=${bad}: must be one of day, week, month, quarter, year`)) }]);
    }
    // A bad filter and a bad bucket are each said.
    expect(readFilters(new URLSearchParams('country=XX&bucket=x')).problems.map((p) => p.key).sort()).toEqual(['bucket', 'country']);
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

  test('the view settings follow the filters; the automatic bucket is written as none', () => {
    expect(dashboardHref(EMPTY_FILTERS, { bucket: 'quarter' })).toBe('/?bucket=quarter');
    expect(dashboardHref({ ...EMPTY_FILTERS, country: ['VE'] }, { bucket: 'year' })).toBe('/?country=VE&bucket=year');
    expect(dashboardHref({ ...EMPTY_FILTERS, country: ['VE'] }, {})).toBe('/?country=VE');
    const back = readFilters(new URL(`http://x${dashboardHref({ ...EMPTY_FILTERS, from: '2020-01-01' }, { bucket: 'month' })}`).searchParams);
    expect(back).toEqual({ filters: { ...EMPTY_FILTERS, from: '2020-01-01' }, view: { bucket: 'month' }, problems: [] });
  });
});
