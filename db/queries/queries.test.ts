import { describe, expect, test } from 'vitest';
import { EMPTY_FILTERS, parseFilters, type Filters } from '@/lib/domain/filters';
import { dbKind, freshDb } from '@/scripts/testing/db';
import { fixtureDb } from '@/scripts/testing/fixture-db';
import { storePosts } from '@/lib/load/store';
import { eventDetail, eventsPage, type Cursor } from './events';
import { corpusSummary } from './posts';
import { countryTopicMatrix, countsByCountry, countsByOrganization, countsByTopic, countsOverTime, dateBounds, headline, overTime } from './stats';
import { addDays } from '@/lib/domain/calendar';
import { resolveSearch } from '@/lib/ingest/query';
import type { SearchFilters } from './filter';

function f(query: string): Filters {
  const r = parseFilters(new URLSearchParams(query));
  if (!r.ok) throw new Error(r.error.message);
  return r.filters;
}

/** A search as the server reads it: its words, and what they name in the parser's vocabulary. */
function search(q: string): SearchFilters {
  return { ...f(`q=${encodeURIComponent(q)}`), search: resolveSearch(q) };
}

describe(`dashboard queries on the ${dbKind} database`, () => {
  const t = fixtureDb();

  test('counts by country: counterparts only, contacts only by default', async () => {
    expect(await countsByCountry(t.db, EMPTY_FILTERS)).toEqual([
      { code: 'VE', count: 2 },
      { code: 'JO', count: 1 },
      { code: 'TR', count: 1 },
      { code: 'YE', count: 1 },
    ]);
    expect(await countsByCountry(t.db, f('from=2023-09-15'))).toEqual([
      { code: 'JO', count: 1 },
      { code: 'VE', count: 1 },
      { code: 'YE', count: 1 },
    ]);
    expect(await countsByCountry(t.db, f('region=asia/western-asia'))).toEqual([
      { code: 'JO', count: 1 },
      { code: 'TR', count: 1 },
      { code: 'YE', count: 1 },
    ]);
  });

  test('counts by organisation and topic', async () => {
    expect(await countsByOrganization(t.db, EMPTY_FILTERS)).toEqual([{ code: 'CSTO', count: 1 }]);
    expect(await countsByTopic(t.db, EMPTY_FILTERS)).toEqual([
      { code: 'middle_east', count: 2 },
      { code: 'security', count: 2 },
      { code: 'trade_economy', count: 2 },
      { code: 'energy', count: 1 },
      { code: 'ukraine', count: 1 },
      { code: 'un_multilateralism', count: 1 },
    ]);
    // Switching on briefings and statements brings their topics in.
    const withAll = await countsByTopic(t.db, f('type=meeting,phone_call,multilateral,briefing,statement'));
    expect(withAll.find((x) => x.code === 'ukraine')?.count).toBe(2);
    expect(withAll.find((x) => x.code === 'south_caucasus')?.count).toBe(1);
  });

  test('counts by week, stacked by type; bucket choice by range', async () => {
    expect(await countsOverTime(t.db, EMPTY_FILTERS, 'week')).toEqual([
      { bucket: '2023-08-28', type: 'meeting', count: 1 },
      { bucket: '2023-09-11', type: 'phone_call', count: 1 },
      { bucket: '2023-09-18', type: 'meeting', count: 3 },
      { bucket: '2023-09-18', type: 'multilateral', count: 1 },
    ]);
    expect((await countsOverTime(t.db, EMPTY_FILTERS, 'month')).map((r) => r.bucket)).toEqual(['2023-08-01', '2023-09-01', '2023-09-01', '2023-09-01']);
  });

  test('counts by quarter and by year, from the rollup and from the events alike', async () => {
    const quarter = [
      { bucket: '2023-07-01', type: 'meeting', count: 4 },
      { bucket: '2023-07-01', type: 'multilateral', count: 1 },
      { bucket: '2023-07-01', type: 'phone_call', count: 1 },
    ];
    expect(await countsOverTime(t.db, EMPTY_FILTERS, 'quarter')).toEqual(quarter);
    expect(await countsOverTime(t.db, EMPTY_FILTERS, 'year')).toEqual(quarter.map((r) => ({ ...r, bucket: '2023-01-01' })));
    // A region is no filter of the rollup's: date_trunc on the events answers.
    expect(await countsOverTime(t.db, f('region=asia/western-asia'), 'quarter')).toEqual([{ bucket: '2023-07-01', type: 'meeting', count: 3 }]);
    expect(await countsOverTime(t.db, f('region=asia/western-asia&from=2023-09-01'), 'year')).toEqual([{ bucket: '2023-01-01', type: 'meeting', count: 2 }]);
    // Part-months at the ends of a range count from the events, into their quarter.
    expect(await countsOverTime(t.db, f('from=2023-08-31&to=2023-09-20&type=meeting,briefing'), 'quarter')).toEqual([
      { bucket: '2023-07-01', type: 'briefing', count: 1 },
      { bucket: '2023-07-01', type: 'meeting', count: 2 },
    ]);
  });

  test('over time: the bucket asked for, or the one that suits the range', async () => {
    expect((await overTime(t.db, EMPTY_FILTERS)).bucket).toBe('day');
    expect((await overTime(t.db, f('from=2023-01-01&to=2023-12-31'))).bucket).toBe('week');
    expect((await overTime(t.db, f('from=2010-01-01'))).bucket).toBe('quarter');
    expect((await overTime(t.db, f('from=2000-01-01'))).bucket).toBe('year');
    expect(await overTime(t.db, EMPTY_FILTERS, 'quarter')).toEqual({ bucket: 'quarter', series: await countsOverTime(t.db, EMPTY_FILTERS, 'quarter') });
  });

  test('country × topic matrix', async () => {
    expect(await countryTopicMatrix(t.db, f('country=VE,JO'))).toEqual([
      { country: 'JO', topic: 'middle_east', count: 1 },
      { country: 'JO', topic: 'ukraine', count: 1 },
      { country: 'VE', topic: 'trade_economy', count: 2 },
      { country: 'VE', topic: 'un_multilateralism', count: 1 },
    ]);
  });

  test('headline numbers with the previous period of the same length', async () => {
    const h = await headline(t.db, f('from=2023-09-13&to=2023-09-26'));
    expect(h.current).toEqual({ contacts: 4, countries: 3, organizations: 1, posts: 5 });
    expect(h.previousRange).toEqual({ from: '2023-08-30', to: '2023-09-12' });
    expect(h.previous).toEqual({ contacts: 2, countries: 2, organizations: 0, posts: 2 });
  });

  test('no comparison with a period that begins before the first event: all time, or a range from the first days', async () => {
    const { first } = await dateBounds(t.db);
    const all = await headline(t.db, f(''));
    expect(all.current.contacts).toBeGreaterThan(0);
    expect([all.previous, all.previousRange]).toEqual([null, null]);
    // The same length back from the first event's day begins before it.
    const early = await headline(t.db, f(`from=${first}&to=${addDays(first!, 6)}`));
    expect([early.previous, early.previousRange]).toEqual([null, null]);
    // A week later, the week before lies within the data and is compared.
    const later = await headline(t.db, f(`from=${addDays(first!, 7)}&to=${addDays(first!, 13)}`));
    expect(later.previousRange).toEqual({ from: first, to: addDays(first!, 6) });
    expect(later.previous).not.toBeNull();
  });

  test('filters: language, full-text search in both languages, principal, topic', async () => {
    expect((await countsByCountry(t.db, f('lang=ru'))).map((c) => c.code)).toEqual(['VE', 'YE']);
    expect((await countsByCountry(t.db, f('q=Венесуэла'))).map((c) => c.code)).toEqual(['VE']);
    expect((await countsByCountry(t.db, f('q=gas'))).map((c) => c.code)).toEqual(['TR']);
    expect((await eventsPage(t.db, f('principal=Maria Zakharova&type=briefing,statement'), null)).events).toHaveLength(2);
    expect((await countsByCountry(t.db, f('topic=middle_east'))).map((c) => c.code)).toEqual(['JO', 'YE']);
  });

  test('search by what the words name: a counterpart or person in either language and any case form', async () => {
    const countries = async (q: string) => (await countsByCountry(t.db, search(q))).map((c) => c.code);
    // Jordan's event has one post, in English.
    expect(await countries('Иордания')).toEqual(['JO']);
    expect(await countries('Иорданией')).toEqual(['JO']);
    expect(await countries('jordan')).toEqual(['JO']);
    // A person: the registry's (Сафади), the start of a name in the other script (Айман, Сафад).
    expect(await countries('Сафади')).toEqual(['JO']);
    expect(await countries('Айман')).toEqual(['JO']);
    expect(await countries('Сафад')).toEqual(['JO']);
    // Venezuela's phone call is reported in Russian only: the English name finds it too.
    expect(await countsByCountry(t.db, search('Venezuela'))).toEqual([{ code: 'VE', count: 2 }]);
    // Every part must match: a counterpart and a word of the text, not two counterparts.
    expect(await countries('Jordan Syria')).toEqual(['JO']);
    expect(await countries('Jordan Turkey')).toEqual([]);
    // Web search syntax is read as written.
    expect(await countries('"Ayman Safadi"')).toEqual(['JO']);
    expect(await countries('"Safadi Ayman"')).toEqual([]);
    // Without the vocabulary's reading the Russian name finds nothing in English posts.
    expect((await countsByCountry(t.db, f('q=Иордания'))).map((c) => c.code)).toEqual([]);
  });

  test('timeline pages: newest first, stable under date ties, undated last, every event once', async () => {
    const all = f('type=meeting,phone_call,multilateral,briefing,statement');
    const seen: number[] = [];
    let cursor: Cursor | null = null;
    let pages = 0;
    do {
      const page = await eventsPage(t.db, all, cursor, 2);
      seen.push(...page.events.map((e) => e.id));
      cursor = page.next;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(t.ids.length);
    expect(new Set(seen).size).toBe(t.ids.length);
    // Three events share 2023-09-20: ordered by id, newest id first.
    expect(seen.slice(0, 4)).toEqual([t.ids[3], t.ids[2], t.ids[1], t.ids[0]]);
    expect(seen[seen.length - 1]).toBe(t.ids[7]);
  });

  test('event detail has every source post and its languages', async () => {
    const d = await eventDetail(t.db, t.ids[0]!);
    expect(d?.countries).toEqual([{ code: 'VE', role: 'counterpart' }]);
    expect(d?.sources.map((s) => s.lang).sort()).toEqual(['en', 'ru']);
    expect(await eventDetail(t.db, 999_999)).toBeNull();
  });
});

describe(`the corpus totals on the ${dbKind} database`, () => {
  test('are kept until a run writes, then counted again', async () => {
    const t = await freshDb();
    try {
      const empty = await corpusSummary(t.db);
      expect(empty).toEqual({ posts: 0, events: 0, channels: [], freshness: [], firstDate: null, lastDate: null });
      // Written without a run: the data version is unchanged, so the kept totals stand.
      await t.db.insertInto('channels').values({ handle: 'quiet' }).execute();
      expect(await corpusSummary(t.db)).toEqual(empty);
      await storePosts(t.db, [
        { channel: 'mfa', externalId: '1', postedAt: new Date('2023-09-20T10:00:00Z'), lang: 'en', text: 'On September 20, Foreign Minister Sergey Lavrov met with Foreign Minister of Jordan Ayman Safadi.', url: null, seq: 0 },
      ]);
      const after = await corpusSummary(t.db);
      expect(after).toMatchObject({ posts: 1, events: 1, channels: ['mfa', 'quiet'], firstDate: '2023-09-20', lastDate: '2023-09-20' });
      expect(after.freshness).toEqual([
        { channel: 'mfa', posts: 1, newestPostAt: new Date('2023-09-20T10:00:00Z'), lastIngestedAt: expect.any(Date), lastSyncedAt: null },
        { channel: 'quiet', posts: 0, newestPostAt: null, lastIngestedAt: null, lastSyncedAt: null },
      ]);
      // A run that reads the channel again and finds nothing new keeps the totals, and says when it read it.
      await storePosts(t.db, [], { synced: ['mfa'] });
      const synced = await corpusSummary(t.db);
      expect(synced.posts).toBe(1);
      expect(synced.freshness[0]?.lastSyncedAt).toBeInstanceOf(Date);
    } finally {
      await t.close();
    }
  });
});
