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

  // Look-alikes that Unicode case mapping or NFKC folding would turn into real codes.
  test.each([
    ['country', '\uFB01', 'FI'], // ﬁ, the fi ligature: upper-cases to FI
    ['country', '\uFB00', 'FF'], // ﬀ
    ['country', '\uFF36\uFF25', 'VE'], // ＶＥ, full width: NFKC makes VE
    ['country', 'V\u0395', 'VE'], // a Greek capital epsilon
    ['country', 'R\u0443', 'RU'], // a Cyrillic у
    ['country', '\u0131t', 'IT'], // ı, dotless i: upper-cases to I
    ['country', 's\u0307e', 'SE'], // a combining dot
    ['country', '\u017Fe', 'SE'], // ſ, long s: upper-cases to S
    ['region', '\u212Aorea', 'korea'], // the Kelvin sign lower-cases to k
    ['region', 'ASIA\u0130', 'asiai'], // İ
    ['region', '\uFF41sia', 'asia'], // ａsia
    ['org', '\uFF29AEA', 'IAEA'], // Ｉ
    ['org', 'C\uFB06O', 'CSTO'], // ﬆ: upper-cases to ST
    ['org', '\u0131aea', 'IAEA'],
  ])('refuses %s=%s, not read as %s', (key, value) => {
    expect(bad(`${key}=${encodeURIComponent(value)}`)).toMatch(new RegExp(`^${key}\\.0: is not .*ASCII`));
  });

  test('ASCII codes still fold their case', () => {
    expect(ok('country=fi&region=Asia/Western-Asia&org=iaea,g20,Csto_pa')).toMatchObject({ country: ['FI'], region: ['asia/western-asia'], org: ['IAEA', 'G20', 'CSTO_PA'] });
  });
});

describe('the channel filter', () => {
  test('handles as stored, with or without the @, a list like the others', () => {
    expect(ok('channel=@MFARussia,MID_Russia').channel).toEqual(['MFARussia', 'MID_Russia']);
    expect(filtersToQuery(ok('channel=MFARussia'))).toBe('channel=MFARussia');
    expect(bad('channel=a%20b')).toMatch(/^channel\.0: is not a channel name/);
    expect(bad(`channel=${'x'.repeat(65)}`)).toMatch(/^channel\.0: is not a channel name/);
  });
});
