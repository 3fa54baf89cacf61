import { describe, expect, test, vi } from 'vitest';
import { weeklySummary } from '@/db/queries/weekly';
import { EMPTY_FILTERS } from '@/lib/domain/filters';
import { dbKind } from '@/scripts/testing/db';
import { fixtureDb } from '@/scripts/testing/fixture-db';
import { readPng } from '@/scripts/testing/png';
import { parseWeek } from '@/lib/domain/calendar';
import { printable, renderWeeklyPng, SummaryCard, weeklyCardData } from './card';
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';

const CONTACTS = { one: 'contact', other: 'contacts' };

describe(`the weekly picture on the ${dbKind} database`, () => {
  const t = fixtureDb();

  test('week 38 of 2023: the counts, against week 37', async () => {
    const s = await weeklySummary(t.db, EMPTY_FILTERS, parseWeek('2023-W38')!);
    expect(s.current).toEqual({ contacts: 4, countries: 3, organizations: 1, posts: 5 });
    expect(s.previous?.contacts).toBe(1);
    expect(s.countries.map((c) => c.code)).toEqual(['JO', 'VE', 'YE']);
    expect(s.keyEvents.map((e) => e.date)).toEqual(['2023-09-21', '2023-09-20', '2023-09-20', '2023-09-20']);
  });

  test.each([
    ['wide', 1200, 675],
    ['square', 1080, 1080],
  ] as const)('renders a %s PNG of the right size with a picture in it', async (size, width, height) => {
    const s = await weeklySummary(t.db, EMPTY_FILTERS, parseWeek('2023-W38')!);
    const png = await renderWeeklyPng(s, { filters: 'all', sources: ['fixture'], noun: CONTACTS }, size);
    const info = readPng(png);
    expect(info).toMatchObject({ width, height });
    expect(info.colors).toBeGreaterThan(20);
  });

  test('an empty week still renders, saying so', async () => {
    const s = await weeklySummary(t.db, EMPTY_FILTERS, parseWeek('2020-W10')!);
    expect(s.current.contacts).toBe(0);
    const info = readPng(await renderWeeklyPng(s, { filters: 'all', sources: [], noun: CONTACTS }));
    expect(info.width).toBe(1200);
  });

  test('counts are written in their number, after the selected types, and no change is shown against a week before the data', async () => {
    const s = await weeklySummary(t.db, EMPTY_FILTERS, parseWeek('2023-W38')!);
    const text = (data: Parameters<typeof SummaryCard>[0]['s'], noun = CONTACTS) =>
      renderToStaticMarkup(createElement(SummaryCard, { s: data, ctx: { filters: 'all', sources: [], noun }, size: 'wide' })).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    const one = { ...weeklyCardData(s), current: { contacts: 1, countries: 1, organizations: 0, posts: 1 } };
    expect(text(one)).toContain('1 contact ');
    expect(text(one)).toContain('1 country · 0 organisations · 1 post');
    expect(text(one, { one: 'statement', other: 'statements' })).toContain('1 statement ');
    expect(text(one)).toContain('vs week 37');
    expect(text({ ...one, previous: null })).not.toContain('vs week');
    // More events than the card lists: it says how many more, at either size.
    const many = { ...weeklyCardData(s), current: { ...s.current, contacts: 10 } };
    expect(text(many)).toContain(`+${10 - Math.min(4, s.keyEvents.length)} more`);
  });

  test('text the vendored fonts cannot draw is left out', () => {
    expect(printable('🇻🇪 Venezuela — Венесуэла ▲ 3')).toBe('Venezuela — Венесуэла 3');
    // What the Latin and Cyrillic subsets cover stays, whatever block it is in; other scripts go.
    expect(printable('№ 5 «ё» € ‘a’ Ελλάδα 中国 Łódź\u00a0x')).toBe('№ 5 «ё» € ‘a’ Łódź x');
  });

  test('drawing a card never reaches the network, whatever the text', async () => {
    const s = await weeklySummary(t.db, EMPTY_FILTERS, parseWeek('2023-W38')!);
    const fetch = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('no network'));
    try {
      const odd = { ...s, keyEvents: s.keyEvents.map((e) => ({ ...e, people: [{ ...e.people[0]!, name: 'Ελλάδα 中国 🇻🇪 ☎' }] })) };
      const info = readPng(await renderWeeklyPng(odd, { filters: 'Ελλάδα ☎', sources: ['канал 🇷🇺'], noun: CONTACTS }, 'square'));
      expect(info).toMatchObject({ width: 1080, height: 1080 });
      expect(fetch).not.toHaveBeenCalled();
    } finally {
      fetch.mockRestore();
    }
  });
});
