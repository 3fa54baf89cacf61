import { parseAtomFeed } from 'feedsmith';
import { describe, expect, test } from 'vitest';
import { dbKind } from '@/scripts/testing/db';
import { fixtureDb } from '@/scripts/testing/fixture-db';
import { GET } from './route';

const get = (query = '') => GET(new Request(`http://localhost/feed.xml${query ? `?${query}` : ''}`));

async function feed(query = '') {
  const res = await get(query);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  return parseAtomFeed(await res.text());
}

describe(`the Atom feed on the ${dbKind} database`, () => {
  const t = fixtureDb({ serve: true });

  test('parses back as Atom: the newest contacts first, titled from their facts, linked to their permalinks', async () => {
    const f = await feed();
    expect(f.title?.value).toBe('Sidelines · diplomatic contacts');
    expect(f.links?.find((l) => l.rel === 'self')?.href).toBe('http://localhost/feed.xml');
    const entries = f.entries ?? [];
    // The fixture's contacts (meetings, calls, multilateral), not its briefing and statement.
    expect(entries).toHaveLength(6);
    const dates = entries.map((e) => e.title?.value?.split(' · ').pop());
    expect(dates[0]).toBe('21 Sep 2023');
    expect(dates.at(-1)).toBe('30 Aug 2023');
    const jordan = entries.find((e) => e.title?.value?.includes('Jordan'))!;
    expect(jordan.title?.value).toBe('Meeting · Jordan · Sergey Lavrov and Ayman Safadi · 20 Sep 2023');
    expect(jordan.id).toBe(`http://localhost/events/${t.ids[1]}`);
    expect(jordan.links?.[0]?.href).toBe(jordan.id);
    expect(jordan.content?.value).toContain('Foreign Minister of Jordan Ayman Safadi');
    expect(jordan.categories?.map((c) => c.term)).toEqual(expect.arrayContaining(['meeting', 'JO', 'middle_east']));
    expect(jordan.updated).toBeTruthy();
  });

  test('follows the filters, the search and the limit', async () => {
    const ve = await feed('country=VE');
    expect(ve.entries?.map((e) => e.title?.value?.split(' · ').slice(0, 2).join(' · '))).toEqual(['Meeting · Venezuela', 'Phone call · Venezuela']);
    expect(ve.title?.value).toBe('Sidelines · Venezuela');
    expect(ve.links?.find((l) => l.rel === 'alternate')?.href).toBe('http://localhost/?country=VE');
    // The Russian name finds the event reported only in English.
    expect((await feed('q=Иорданией')).entries?.map((e) => e.id)).toEqual([`http://localhost/events/${t.ids[1]}`]);
    expect((await feed('limit=1')).entries).toHaveLength(1);
    expect((await feed('type=briefing')).entries?.[0]?.content?.value).toContain('Briefing by Foreign Ministry Spokeswoman');
    expect((await feed('country=KP')).entries ?? []).toEqual([]);
  });

  test.each([
    ['country=ZZ', /^country\.0: is not an ISO/],
    ['limit=0', /^limit: must be a whole number from 1 to 200/],
    ['from=2023-10-01&to=2023-09-01', /^from: from must not be after to/],
  ])('?%s is a 400 that says why', async (query, message) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(message);
  });
});
