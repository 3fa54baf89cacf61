import { describe, expect, test } from 'vitest';
import { DASHBOARD_CHARTS } from '@/lib/domain/api';
import { dbKind } from '@/scripts/testing/db';
import { fixtureDb } from '@/scripts/testing/fixture-db';
import { statsGet } from '@/scripts/testing/stats-route';
import { GET as eventsGet } from '../events/route';
import { GET } from './route';

const get = (query: string) => GET(new Request(`http://localhost/api/view?${query}`));

describe(`/api/view on the ${dbKind} database`, () => {
  fixtureDb({ serve: true });

  test("is every chart's answer and the timeline's first page, as their own routes give them", async () => {
    const query = 'country=VE&bucket=month';
    const res = await get(query);
    expect(res.status).toBe(200);
    const view = await res.json();
    expect(Object.keys(view.stats).sort()).toEqual([...DASHBOARD_CHARTS].sort());
    for (const name of DASHBOARD_CHARTS) {
      // Each chart asked as the dashboard asks it (its limit; the bucket for the over-time chart only).
      const params = name === 'over-time' ? 'country=VE&bucket=month' : name === 'matrix' || name === 'headline' ? 'country=VE' : `country=VE&limit=${name === 'countries' ? 250 : 200}`;
      const own = await (await statsGet(name)(new Request(`http://localhost/api/stats/${name}?${params}`))).json();
      expect(view.stats[name], name).toEqual(own);
    }
    const events = await (await eventsGet(new Request('http://localhost/api/events?country=VE&limit=30'))).json();
    expect(view.events).toEqual(events);
  });

  test('a bad filter or view setting is a 400 that says which', async () => {
    const bad = await get('country=ZZ');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^country\.0: is not an ISO/);
    const bucket = await get('bucket=decade');
    expect(bucket.status).toBe(400);
    expect((await bucket.json()).error).toMatch(/^bucket: must be one of day, week, month, quarter, year/);
  });
});
