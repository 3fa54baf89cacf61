import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateCorpus, toRawPost } from '@/scripts/bench/corpus';
import { EMPTY_FILTERS, FILTER_KEYS, parseFilters, ROLLUP_FILTER_KEYS, type Filters } from '@/lib/domain/filters';
import { storePosts } from '@/lib/load/store';
import { dbKind, freshDb, type TestDb } from '@/scripts/testing/db';
import { planRange, rollupView } from './rollup-reads';
import { countryTopicMatrix, countsByCountry, countsByOrganization, countsByTopic, countsOverTime, fromEvents, headline } from './stats';

const f = (q: string): Filters => {
  const r = parseFilters(new URLSearchParams(q));
  if (!r.ok) throw new Error(r.error.message);
  return r.filters;
};

describe('planning a range over the rollup', () => {
  const all = { from: null, to: null };
  test.each([
    ['', '', { years: all, months: [], includeUndated: true, edges: [] }],
    ['2023-01-01', '2023-12-31', { years: { from: '2023-01-01', to: '2023-01-01' }, months: [], includeUndated: false, edges: [] }],
    ['2021-03-01', '2023-05-31', { years: { from: '2022-01-01', to: '2022-01-01' }, months: [{ from: '2021-03-01', to: '2021-12-01' }, { from: '2023-01-01', to: '2023-05-01' }], includeUndated: false, edges: [] }],
    ['2023-01-15', '2023-03-10', { years: null, months: [{ from: '2023-02-01', to: '2023-02-01' }], includeUndated: false, edges: [{ from: '2023-01-15', to: '2023-01-31' }, { from: '2023-03-01', to: '2023-03-10' }] }],
    ['2023-09-18', '2023-09-24', { years: null, months: [], includeUndated: false, edges: [{ from: '2023-09-18', to: '2023-09-24' }] }],
    ['2023-09-18', '2023-10-05', { years: null, months: [], includeUndated: false, edges: [{ from: '2023-09-18', to: '2023-09-30' }, { from: '2023-10-01', to: '2023-10-05' }] }],
    ['2024-02-10', '', { years: { from: '2025-01-01', to: null }, months: [{ from: '2024-03-01', to: '2024-12-01' }], includeUndated: false, edges: [{ from: '2024-02-10', to: '2024-02-29' }] }],
    ['', '2020-06-30', { years: { from: null, to: '2019-01-01' }, months: [{ from: '2020-01-01', to: '2020-06-01' }], includeUndated: false, edges: [] }],
  ])('%s to %s', (from, to, plan) => {
    expect(planRange(from || undefined, to || undefined)).toEqual(plan);
  });

  test('months only, when asked', () => {
    expect(planRange('2021-03-01', '2023-05-31', { years: false })).toEqual({
      years: null,
      months: [{ from: '2021-03-01', to: '2023-05-01' }],
      includeUndated: false,
      edges: [],
    });
  });

  test('dates, any types and one country, organisation or topic go to the rollup', () => {
    expect(rollupView(f(''))).toEqual({ facet: '', types: ['meeting', 'phone_call', 'multilateral'] });
    expect(rollupView(f('type=speech&from=2020-01-01'))).toEqual({ facet: '', types: ['speech'] });
    expect(rollupView(f('type=meeting,speech'))).toEqual({ facet: '', types: ['meeting', 'speech'] });
    expect(rollupView(f('country=VE'))).toEqual({ facet: 'country:VE', types: ['meeting', 'phone_call', 'multilateral'] });
    expect(rollupView(f('topic=energy&type=phone_call'))?.facet).toBe('topic:energy');
    expect(rollupView(f('org=UN'))?.facet).toBe('org:UN');
    expect(rollupView(f('country=VE,JO'))).toBeNull();
    expect(rollupView(f('country=VE&topic=energy'))).toBeNull();
    expect(rollupView(f('region=asia'))).toBeNull();
    expect(rollupView(f('q=energy'))).toBeNull();
  });

  test('fails closed: every filter the rollup does not know sends the read to the events, one added later too', () => {
    for (const [key, value] of [['region', 'asia'], ['principal', 'putin'], ['lang', 'en'], ['q', 'energy']] as const) {
      expect(ROLLUP_FILTER_KEYS).not.toContain(key);
      expect(rollupView(f(`${key}=${value}`)), key).toBeNull();
    }
    // Every filter of the contract is either the rollup's or sends the read to the events.
    for (const key of FILTER_KEYS.filter((k) => !ROLLUP_FILTER_KEYS.includes(k))) {
      const value = Array.isArray(EMPTY_FILTERS[key]) ? ['x'] : 'x';
      expect(rollupView({ ...EMPTY_FILTERS, [key]: value }), key).toBeNull();
    }
    // A filter the rollup has never heard of, set: not answered from the rollup; unset: no obstacle.
    expect(rollupView({ ...EMPTY_FILTERS, venue: ['Moscow'] } as unknown as Filters)).toBeNull();
    expect(rollupView({ ...EMPTY_FILTERS, venue: [] } as unknown as Filters)).not.toBeNull();
  });
});

describe(`the monthly rollup answers as the events do, on the ${dbKind} database`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb();
    const posts = [...generateCorpus({ posts: 1500, seed: 5, from: '2022-11-01', to: '2023-04-30' })].map((p, i) => toRawPost(p, i));
    // Two runs, as two ingests would: the second merges into months the first wrote.
    await storePosts(t.db, posts.slice(0, 900));
    await storePosts(t.db, posts.slice(900));
  }, 120_000);
  afterAll(() => t.close());

  const views = [
    '',
    'from=2022-12-01&to=2023-02-28',
    'from=2022-11-17&to=2023-03-09',
    'from=2023-01-05&to=2023-01-20',
    'from=2023-02-01',
    'to=2023-01-14',
    'type=phone_call',
    'type=meeting,phone_call,multilateral,speech,briefing,interview,statement,visit,other&from=2022-12-24',
    'type=meeting,speech&from=2022-12-01&to=2023-03-15',
    'from=2022-01-01&to=2022-12-31',
    'to=2023-01-31',
    // Faceted: one counterpart country, organisation or topic.
    'country=MM',
    'country=MY&from=2022-12-10',
    'org=UN&type=meeting,phone_call,multilateral,speech,briefing,interview,statement,visit,other',
    'topic=energy&to=2023-02-20',
    'topic=middle_east&type=phone_call',
    'topic=energy&type=meeting,speech,statement&from=2022-12-01&to=2023-03-31',
    'org=UN&from=2022-12-01&to=2023-02-28',
    'country=MM&type=meeting,phone_call,multilateral,statement',
  ];

  test.each(views)('?%s', async (q) => {
    const filters = f(q);
    expect(rollupView(filters)).not.toBeNull();
    const raw = await fromEvents.headline(t.db, filters);
    // Every view has events, so that the comparison says something.
    expect(raw.contacts).toBeGreaterThan(0);
    expect(await countsByCountry(t.db, filters, 1000)).toEqual(await fromEvents.countsByCountry(t.db, filters, 1000));
    expect(await countsByOrganization(t.db, filters, 1000)).toEqual(await fromEvents.countsByOrganization(t.db, filters, 1000));
    expect(await countsByTopic(t.db, filters, 1000)).toEqual(await fromEvents.countsByTopic(t.db, filters, 1000));
    for (const bucket of ['month', 'quarter', 'year'] as const) {
      expect(await countsOverTime(t.db, filters, bucket), bucket).toEqual(await fromEvents.countsOverTime(t.db, filters, bucket));
    }
    const top = (await countsByCountry(t.db, filters, 15)).map((c) => c.code);
    expect(await countryTopicMatrix(t.db, filters)).toEqual(top.length ? await fromEvents.matrix(t.db, filters, top) : []);
    const h = (await headline(t.db, filters)).current;
    expect({ ...h, posts: 0 }).toEqual({ ...raw, posts: 0 });
    // Posts may count twice only when one post reports events on both sides of a month edge.
    expect(h.posts).toBeGreaterThanOrEqual(raw.posts);
    expect(h.posts - raw.posts).toBeLessThanOrEqual(Math.ceil(raw.posts * 0.02));
  });

  test('quarters and years: each bucket named by its first day, summing to the events', async () => {
    const contacts = (await fromEvents.headline(t.db, EMPTY_FILTERS)).contacts;
    const total = (rows: { count: number }[]) => rows.reduce((n, r) => n + r.count, 0);
    const quarters = await countsOverTime(t.db, EMPTY_FILTERS, 'quarter');
    expect([...new Set(quarters.map((r) => r.bucket))]).toEqual(['2022-10-01', '2023-01-01', '2023-04-01']);
    const years = await countsOverTime(t.db, EMPTY_FILTERS, 'year');
    expect([...new Set(years.map((r) => r.bucket))]).toEqual(['2022-01-01', '2023-01-01']);
    // The undated events are in no bucket.
    const dated = (await fromEvents.headline(t.db, f('from=1900-01-01'))).contacts;
    expect(dated).toBeLessThanOrEqual(contacts);
    expect(total(quarters)).toBe(dated);
    expect(total(years)).toBe(dated);
  });

  // Views the rollup cannot answer: the matrix finds its top countries in the same statement.
  test.each(['country=MY&topic=energy', 'region=asia&from=2022-12-10', 'q=energy'])('?%s, counted from the events', async (q) => {
    const filters = f(q);
    expect(rollupView(filters)).toBeNull();
    const top = (await countsByCountry(t.db, filters, 15)).map((c) => c.code);
    expect(top.length).toBeGreaterThan(0);
    expect(await countryTopicMatrix(t.db, filters)).toEqual(await fromEvents.matrix(t.db, filters, top));
  });
});
