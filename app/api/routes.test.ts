import { describe, expect, test } from 'vitest';
import { dbKind } from '@/scripts/testing/db';
import { fixtureDb } from '@/scripts/testing/fixture-db';
import { GET as eventGet } from './events/[id]/route';
import { GET as eventsGet } from './events/route';
import { GET as exportGet } from './events/export/route';
import { parseCsv } from '@/lib/domain/csv';
import { storePosts } from '@/lib/load/store';
import { statsGet } from '@/scripts/testing/stats-route';
import { STATS_NAMES } from '@/lib/domain/api';

const countriesGet = statsGet('countries');
const headlineGet = statsGet('headline');
const matrixGet = statsGet('matrix');
const organizationsGet = statsGet('organizations');
const overTimeGet = statsGet('over-time');
const topicsGet = statsGet('topics');

const routes = {
  '/api/stats/headline': headlineGet,
  '/api/stats/countries': countriesGet,
  '/api/stats/organizations': organizationsGet,
  '/api/stats/topics': topicsGet,
  '/api/stats/over-time': overTimeGet,
  '/api/stats/matrix': matrixGet,
  '/api/events': eventsGet,
};

const call = (path: keyof typeof routes, query = '') => routes[path](new Request(`http://localhost${path}?${query}`));

describe(`JSON routes on the ${dbKind} database`, () => {
  const t = fixtureDb({ serve: true });

  test.each(Object.keys(routes) as (keyof typeof routes)[])('%s answers 200 with JSON', async (path) => {
    const res = await call(path, 'from=2023-09-01&country=VE');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/json/);
  });

  test('every chart of the stats contract has its route, and a name outside it is a 404 that lists them', async () => {
    for (const name of STATS_NAMES) expect((await statsGet(name)(new Request(`http://localhost/api/stats/${name}`))).status).toBe(200);
    const res = await statsGet('venues')(new Request('http://localhost/api/stats/venues'));
    expect(res.status).toBe(404);
    expect((await res.json()).error).toBe(`no chart "venues": the charts are ${STATS_NAMES.join(', ')}`);
  });

  test('countries route returns the filtered counts', async () => {
    expect(await (await call('/api/stats/countries', 'from=2023-09-15')).json()).toEqual([
      { code: 'JO', count: 1 },
      { code: 'VE', count: 1 },
      { code: 'YE', count: 1 },
    ]);
  });

  test.each([
    ['/api/stats/countries', 'from=2023-13-01', /^from: must be a date/],
    ['/api/stats/topics', 'country=ZZ', /^country\.0: is not an ISO/],
    ['/api/stats/headline', 'from=2023-10-01&to=2023-09-01', /^from: from must not be after to/],
    ['/api/stats/countries', 'limit=100000', /^limit: must be a whole number/],
    ['/api/stats/over-time', 'bucket=decade', /^bucket: must be one of/],
    ['/api/events', 'cursor=abc', /^cursor: not a cursor/],
    ['/api/events', 'limit=0', /^limit: must be a whole number/],
  ] as const)('%s?%s is a 400 that says which parameter and why', async (path, query, message) => {
    const res = await call(path, query);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(message);
  });

  test('over time in the bucket asked for: quarters and years named by their first day', async () => {
    expect(await (await call('/api/stats/over-time', 'bucket=quarter&from=2023-09-01')).json()).toEqual({
      bucket: 'quarter',
      series: [
        { bucket: '2023-07-01', type: 'meeting', count: 3 },
        { bucket: '2023-07-01', type: 'multilateral', count: 1 },
        { bucket: '2023-07-01', type: 'phone_call', count: 1 },
      ],
    });
    const year = await (await call('/api/stats/over-time', 'bucket=year&country=VE')).json();
    expect(year).toEqual({ bucket: 'year', series: [{ bucket: '2023-01-01', type: 'meeting', count: 1 }, { bucket: '2023-01-01', type: 'phone_call', count: 1 }] });
    // Absent (or empty) is the bucket that suits the range.
    expect((await (await call('/api/stats/over-time', 'bucket=&from=2010-01-01')).json()).bucket).toBe('quarter');
  });

  test('the timeline pages with a cursor', async () => {
    const first = await (await call('/api/events', 'limit=2')).json();
    expect(first.events).toHaveLength(2);
    const second = await (await call('/api/events', `limit=2&cursor=${first.next.date}_${first.next.id}`)).json();
    expect(second.events[0].id).not.toBe(first.events[1].id);
  });

  test('an event by id; 404 and 400 otherwise', async () => {
    const ok = await eventGet(new Request('http://localhost/api/events/x'), { params: Promise.resolve({ id: String(t.ids[0]) }) });
    expect((await ok.json()).sources).toHaveLength(2);
    const missing = await eventGet(new Request('http://localhost/api/events/x'), { params: Promise.resolve({ id: '999999' }) });
    expect(missing.status).toBe(404);
    const bad = await eventGet(new Request('http://localhost/api/events/x'), { params: Promise.resolve({ id: '1;drop' }) });
    expect(bad.status).toBe(400);
  });

  test('a retired event id is a 410 that links to the dashboard on its day and counterparts', async () => {
    await t.db.insertInto('retired_events').values({ id: 888_001, date: '2023-09-12', type: 'phone_call', title: 'call', countries: ['VE'] }).execute();
    const gone = await eventGet(new Request('http://localhost/api/events/x'), { params: Promise.resolve({ id: '888001' }) });
    expect(gone.status).toBe(410);
    expect((await gone.json()).gone).toMatchObject({ id: 888_001, dashboard: '/?from=2023-09-12&to=2023-09-12&country=VE', now: [] });
  });

  test('the CSV export parses back to the same events as the JSON export', async () => {
    const query = 'type=meeting,phone_call,multilateral,briefing,statement';
    const json = await (await exportGet(new Request(`http://localhost/api/events/export?format=json&${query}`))).json();
    const csvRes = await exportGet(new Request(`http://localhost/api/events/export?format=csv&${query}`));
    expect(csvRes.headers.get('content-type')).toMatch(/text\/csv; charset=utf-8/);
    const bytes = new Uint8Array(await csvRes.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const [header = [], ...rows] = parseCsv(text);
    expect(rows).toHaveLength(json.events.length);
    expect(json.events).toHaveLength(t.ids.length);
    const col = (name: string) => header.indexOf(name);
    rows.forEach((r, i) => {
      const e = json.events[i];
      expect(Number(r[col('id')])).toBe(e.id);
      expect(r[col('date')]).toBe(e.date ?? '');
      expect(r[col('type')]).toBe(e.type);
      expect(r[col('countries')]).toBe(e.countries.filter((c: { role: string }) => c.role === 'counterpart').map((c: { code: string }) => c.code).join(';'));
      expect(r[col('topics')]).toBe(e.topics.join(';'));
      expect(r[col('title')]).toBe(e.title);
      // Labels beside the codes, and the permalink.
      expect(r[col('permalink')]).toBe(`http://localhost/events/${e.id}`);
      expect(e.permalink).toBe(`http://localhost/events/${e.id}`);
      expect(r[col('type_label')]).toBe(e.labels.type);
      expect(r[col('headline')]).toBe(e.headline);
      expect(r[col('topic_names')]).toBe(e.topics.map((tc: string) => e.labels.topics[tc]).join(';'));
    });
    const ve = rows.find((r) => r[col('countries')] === 'VE');
    expect(ve?.[col('country_names')]).toBe('Venezuela');
    expect(ve?.[col('type_label')]).toBe('Meeting');
    expect(text).toContain('Венесуэл');
  });

  test('export rejects a bad format or filter with a 400', async () => {
    expect((await exportGet(new Request('http://localhost/api/events/export?format=xls'))).status).toBe(400);
    expect((await exportGet(new Request('http://localhost/api/events/export?country=QQ'))).status).toBe(400);
  });

  test('an unchanged view is a 304 with no query run; new data changes the ETag', async () => {
    const first = await call('/api/stats/countries', 'from=2023-09-01');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"\d+\.[0-9a-z]+"$/);
    const again = await countriesGet(new Request('http://localhost/api/stats/countries?from=2023-09-01', { headers: { 'If-None-Match': etag! } }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    await storePosts(t.db, [
      { channel: 'etag', externalId: '1', postedAt: new Date('2023-09-25T09:00:00Z'), lang: 'en', url: null, seq: 0,
        text: 'On September 25, Sergey Lavrov held talks with Foreign Minister of Jordan Ayman Safadi.' },
    ]);
    const after = await countriesGet(new Request('http://localhost/api/stats/countries?from=2023-09-01', { headers: { 'If-None-Match': etag! } }));
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect((await after.json()).find((c: { code: string }) => c.code === 'JO').count).toBe(2);
  });
});
