import { describe, expect, test } from 'vitest';
import { countNoun } from './events';
import { describeFilters } from './filter-labels';
import { EMPTY_FILTERS } from './filters';
import { nounFor, plural } from './words';

describe('counted words', () => {
  test('plural forms as Intl.PluralRules gives them', () => {
    expect([plural(0, 'contact'), plural(1, 'contact'), plural(2, 'contact'), plural(1204, 'post')]).toEqual(['0 contacts', '1 contact', '2 contacts', '1,204 posts']);
    expect(plural(1, 'country', 'countries')).toBe('1 country');
    expect(plural(3, 'country', 'countries')).toBe('3 countries');
    expect(nounFor(1, { one: 'speech', other: 'speeches' })).toBe('speech');
  });

  test.each([
    [[], 'event', 'events'],
    [['meeting', 'phone_call', 'multilateral'], 'contact', 'contacts'],
    [['meeting', 'phone_call'], 'contact', 'contacts'],
    [['statement'], 'statement', 'statements'],
    [['meeting'], 'meeting', 'meetings'],
    [['phone_call'], 'phone call', 'phone calls'],
    [['meeting', 'statement'], 'event', 'events'],
  ] as const)('events of %j are called %s / %s', (types, one, other) => {
    expect(countNoun(types)).toEqual({ one, other });
  });

  test('filters in words: ranges as the calendar writes them, all types in two words', () => {
    expect(describeFilters(EMPTY_FILTERS)).toBe('all');
    expect(describeFilters({ ...EMPTY_FILTERS, from: '2023-09-01', to: '2023-09-30', country: ['VE'] })).toBe('1–30 Sep 2023 · Venezuela');
    expect(describeFilters({ ...EMPTY_FILTERS, from: '2023-09-01' })).toBe('from 1 Sep 2023');
    expect(describeFilters({ ...EMPTY_FILTERS, to: '2023-09-30' })).toBe('until 30 Sep 2023');
    expect(describeFilters({ ...EMPTY_FILTERS, type: ['meeting', 'phone_call', 'multilateral', 'speech', 'briefing', 'interview', 'statement', 'visit', 'other'] })).toBe('all types');
  });
});
