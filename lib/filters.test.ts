import { describe, expect, test } from 'vitest';
import { EMPTY_FILTERS, effectiveTypes, filtersToQuery, parseFilters, type Filters } from './filters';

function ok(query: string): Filters {
  const r = parseFilters(new URLSearchParams(query));
  if (!r.ok) throw new Error(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return r.filters;
}

function bad(query: string): string {
  const r = parseFilters(new URLSearchParams(query));
  if (r.ok) throw new Error(`expected ${query} to be rejected`);
  return r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}

describe('parseFilters / filtersToQuery', () => {
  test('no parameters: all time, the contact types, nothing else', () => {
    expect(ok('')).toEqual(EMPTY_FILTERS);
    expect(effectiveTypes(ok(''))).toEqual(['meeting', 'phone_call', 'multilateral']);
    expect(filtersToQuery(EMPTY_FILTERS)).toBe('');
  });

  test.each([
    'from=2023-09-01&to=2023-09-30&country=VE,JO&topic=middle_east',
    'country=VE&region=asia/western-asia&org=IAEA,LAS&type=meeting,speech',
    'principal=Sergey+Lavrov&lang=ru&q=%D0%B0%D1%82%D0%BE%D0%BC',
    'type=briefing',
  ])('round trip: %s', (query) => {
    const f = ok(query);
    expect(filtersToQuery(f)).toBe(query);
    expect(ok(filtersToQuery(f))).toEqual(f);
  });

  test('readable spellings are normalised to one', () => {
    expect(filtersToQuery(ok('country=ve&country=jo,VE&org=iaea'))).toBe('country=VE,JO&org=IAEA');
    // The default types written out are the same view as no type at all.
    expect(filtersToQuery(ok('type=multilateral,meeting,phone_call'))).toBe('');
    expect(ok('q=%20%20')).toEqual(EMPTY_FILTERS);
  });

  test.each([
    ['from=2023-02-30', /from: must be a date/],
    ['to=yesterday', /to: must be a date/],
    ['from=2023-10-01&to=2023-09-01', /from: from must not be after to/],
    ['country=XX', /country\.0: is not an ISO/],
    ['country=Venezuela', /country\.0: is not an ISO/],
    ['region=atlantis', /region\.0: is not a region/],
    ['org=ACME', /org\.0: is not a known organisation/],
    ['topic=astrology', /topic\.0: is not a known topic/],
    ['type=party', /type\.0: must be one of/],
    ['lang=fr', /lang: must be ru or en/],
    [`q=${'x'.repeat(201)}`, /q: at most 200 characters/],
    [`country=${Array(51).fill('VE').map((_, i) => ['VE', 'JO', 'HN'][i % 3] + '').join(',')}&org=${'UN,'.repeat(60)}`, /org: at most 50/],
    ["country=VE';drop table events;--", /country\.0: is not an ISO/],
  ])('rejects %s', (query, message) => {
    expect(bad(query)).toMatch(message);
  });
});
