// The permalink of an event that no longer exists answers 410 with a link to the dashboard on its
// day and counterparts, on the page and on the API; an id that was never an event's is a 404.
import { describe, expect, test } from 'vitest';
import { dbKind } from '@/scripts/testing/db';
import { fixtureDb } from '@/scripts/testing/fixture-db';
import { GET as apiGet } from '@/app/api/events/[id]/route';
import { GET as goneGet } from './route';

const RETIRED = 990_001;
const call = (get: typeof goneGet, id: number | string) => get(new Request(`http://localhost/events/${id}`), { params: Promise.resolve({ id: String(id) }) });

describe(`a retired event id on the ${dbKind} database`, () => {
  const t = fixtureDb({ serve: true });

  async function retire() {
    const post = await t.db.selectFrom('event_posts').select('post_id').where('event_id', '=', t.ids[0]!).orderBy('post_id').executeTakeFirstOrThrow();
    await t.db
      .insertInto('retired_events')
      .values({ id: RETIRED, date: '2023-09-20', type: 'meeting', title: 'Talks <with> Venezuela', countries: ['VE'], organizations: ['UN'], post_ids: [post.post_id] })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  test('the API answers 410 with what it was, the dashboard link and the events its posts report now', async () => {
    await retire();
    const res = await call(apiGet, RETIRED);
    expect(res.status).toBe(410);
    const body = await res.json();
    expect(body.error).toMatch(/no longer exists/);
    expect(body.gone).toMatchObject({
      id: RETIRED,
      date: '2023-09-20',
      countries: ['VE'],
      organizations: ['UN'],
      dashboard: '/?from=2023-09-20&to=2023-09-20&country=VE&org=UN',
    });
    expect(body.gone.now.map((e: { id: number }) => e.id)).toEqual([t.ids[0]]);
    // An id no event ever had is still a 404.
    expect((await call(apiGet, 990_002)).status).toBe(404);
  });

  test('the page answers 410 with a link to the dashboard on its day and counterparts', async () => {
    await retire();
    const res = await call(goneGet, RETIRED);
    expect(res.status).toBe(410);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('href="/?from=2023-09-20&amp;to=2023-09-20&amp;country=VE&amp;org=UN"');
    expect(html).toContain(`href="/events/${t.ids[0]}"`);
    // The stored title is text, not markup.
    expect(html).toContain('Talks &lt;with&gt; Venezuela');
    expect(html).not.toContain('<with>');
  });

  test('an event that exists is sent to its permalink; an unknown or malformed id is a 404', async () => {
    const live = await call(goneGet, t.ids[0]!);
    expect(live.status).toBe(307);
    expect(new URL(live.headers.get('location')!).pathname).toBe(`/events/${t.ids[0]}`);
    expect((await call(goneGet, 990_003)).status).toBe(404);
    expect((await call(goneGet, '1;drop')).status).toBe(404);
  });
});
