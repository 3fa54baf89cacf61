// The permalink page: an event is shown, a retired id is sent to the page that answers 410 (a
// page cannot set that status itself), an id no event had is a 404.
import { describe, expect, test } from 'vitest';
import { dbKind } from '@/scripts/testing/db';
import { fixtureDb } from '@/scripts/testing/fixture-db';
import EventPage from './page';

const open = (id: string) => EventPage({ params: Promise.resolve({ id }) });

/** What the page threw to Next.js: a redirect or a not-found, by its digest. */
async function thrown(id: string): Promise<string> {
  try {
    await open(id);
  } catch (err) {
    return String((err as { digest?: string }).digest ?? err);
  }
  return 'rendered';
}

describe(`the event page on the ${dbKind} database`, () => {
  const t = fixtureDb({ serve: true });

  test('an event renders; a retired id redirects to its 410 page; an unknown id is not found', async () => {
    expect(await thrown(String(t.ids[0]))).toBe('rendered');
    await t.db.insertInto('retired_events').values({ id: 777_001, date: '2023-09-20', type: 'meeting', title: 'gone', countries: ['VE'] }).execute();
    expect(await thrown('777001')).toMatch(/^NEXT_REDIRECT;[a-z]+;\/events\/777001\/gone;307;/);
    expect(await thrown('777002')).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
  });
});
