// The permalink page: an event is shown, a retired id is sent to the page that answers 410 (a
// page cannot set that status itself), an id no event had is a 404.
import { describe, expect, test } from 'vitest';
import { dbKind } from '@/scripts/testing/db';
import { fixtureDb } from '@/scripts/testing/fixture-db';
import EventPage, { generateMetadata } from './page';

const open = (id: string, search: Record<string, string> = {}) => EventPage({ params: Promise.resolve({ id }), searchParams: Promise.resolve(search) });

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

  test('named by its facts, shared as the picture of its day, and back to the view it was opened from', async () => {
    const ve = (await t.db.selectFrom('event_countries').select('event_id').where('country', '=', 'VE').where('role', '=', 'counterpart').executeTakeFirstOrThrow()).event_id;
    const meta = await generateMetadata({ params: Promise.resolve({ id: String(ve) }) });
    expect(meta.title).toMatch(/^Meeting · Venezuela · .* · \d{1,2} \w{3} \d{4} · Sidelines$/);
    expect(JSON.stringify(meta.openGraph)).toMatch(/"url":"\/api\/preview\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}&country=VE"/);
    expect((meta.twitter as { card?: string }).card).toBe('summary_large_image');

    const backOf = async (search: Record<string, string>) => ((await open(String(ve), search)) as { props: { back: string } }).props.back;
    expect(await backOf({})).toBe('/');
    expect(await backOf({ back: 'country=VE&topic=middle_east&utm_source=x' })).toBe('/?country=VE&topic=middle_east');
    // The view settings too: the over-time bucket the chart was shown in.
    expect(await backOf({ back: 'country=VE&bucket=quarter' })).toBe('/?country=VE&bucket=quarter');
    expect(await backOf({ back: 'country=VE&bucket=decade' })).toBe('/?country=VE');
    // Only filters make the way back: nothing else can be smuggled into the link.
    expect(await backOf({ back: 'https://example.com/' })).toBe('/');
    expect(await backOf({ back: '//example.com' })).toBe('/');
  });
});
