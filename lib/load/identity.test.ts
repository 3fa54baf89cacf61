// A post is known by its channel and id (or file and place), never by its text; an edited post's
// events are derived again; event ids survive a reparse; --channel only fills gaps.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { RawPost } from '@/lib/ingest/types';
import { dbKind, freshDb, type TestDb } from '@/scripts/testing/db';
import { ChannelConflict } from './channel';
import { reparseAll, storeBatches, storePosts } from './store';

const at = (iso: string) => new Date(iso);
const post = (externalId: string | null, text: string, extra: Partial<RawPost> = {}): RawPost => ({
  channel: 'MFARussia',
  externalId,
  postedAt: at('2024-03-12T09:00:00Z'),
  lang: 'en',
  text,
  url: null,
  seq: 0,
  ...extra,
});
const TURKEY_EN = 'On March 12, Sergey Lavrov had a telephone conversation with Minister of Foreign Affairs of Türkiye Hakan Fidan.';
const TURKEY_RU = '12 марта состоялся телефонный разговор С.В.Лаврова с Министром иностранных дел Турецкой Республики Х.Фиданом.';
const INDIA_EN = 'On March 12, Sergey Lavrov had a telephone conversation with Minister of External Affairs of India Subrahmanyam Jaishankar.';
const BRAZIL_EN = 'On March 12, Sergey Lavrov had a telephone conversation with Minister of Foreign Affairs of Brazil Mauro Vieira.';
const NOTHING = 'The Foreign Ministry thanks its readers for their attention.';

describe(`posts known by their id, on the ${dbKind} database`, () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await freshDb();
  });
  afterEach(() => t.close());

  const n = async (table: 'posts' | 'events' | 'event_posts' | 'channels' | 'retired_events') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  /** Each event as id → [counterparts, post external ids]. */
  async function events(): Promise<Record<number, { cp: string[]; posts: string[] }>> {
    const rows = await t.db.selectFrom('events').select('id').orderBy('id').execute();
    const out: Record<number, { cp: string[]; posts: string[] }> = {};
    for (const { id } of rows) {
      const cp = await t.db.selectFrom('event_countries').select('country').where('event_id', '=', id).where('role', '=', 'counterpart').orderBy('country').execute();
      const posts = await t.db
        .selectFrom('event_posts')
        .innerJoin('posts', 'posts.id', 'event_posts.post_id')
        .select(['posts.external_id', 'posts.seq'])
        .where('event_posts.event_id', '=', id)
        .orderBy('posts.external_id')
        .orderBy('posts.seq')
        .execute();
      out[id] = { cp: cp.map((c) => c.country.trim()), posts: posts.map((p) => p.external_id ?? `#${p.seq}`) };
    }
    return out;
  }

  test('one text under two ids is two posts of one event; the same posts again add nothing', async () => {
    const s = await storePosts(t.db, [post('1', TURKEY_EN), post('2', TURKEY_EN, { seq: 1 })]);
    expect(s).toMatchObject({ postsNew: 2, postsExisting: 0, eventsCreated: 1 });
    expect(Object.values(await events())).toEqual([{ cp: ['TR'], posts: ['1', '2'] }]);
    const again = await storePosts(t.db, [post('1', TURKEY_EN), post('2', TURKEY_EN, { seq: 1 })]);
    expect(again).toMatchObject({ postsNew: 0, postsExisting: 2, postsEdited: 0, eventsCreated: 0 });
    expect(await n('posts')).toBe(2);
  });

  test('an edited post replaces its text, and its event follows the new text under the same id', async () => {
    await storePosts(t.db, [post('1', TURKEY_EN)]);
    const id = Object.keys(await events()).map(Number)[0]!;
    const s = await storePosts(t.db, [post('1', INDIA_EN)]);
    expect(s).toMatchObject({ postsNew: 0, postsEdited: 1, eventsRetired: 0 });
    const text = await t.db.selectFrom('posts').select('text').where('external_id', '=', '1').executeTakeFirstOrThrow();
    expect(text.text).toBe(INDIA_EN);
    // The old counterpart is gone; the permalink is the post's event still.
    expect(await events()).toEqual({ [id]: { cp: ['IN'], posts: ['1'] } });
    expect(await n('posts')).toBe(1);
  });

  test('an edited English post leaves the Russian one its event, recomputed without it', async () => {
    await storePosts(t.db, [post('10', TURKEY_RU, { lang: 'ru' }), post('11', TURKEY_EN, { seq: 1 })]);
    const before = await events();
    expect(Object.values(before)).toEqual([{ cp: ['TR'], posts: ['10', '11'] }]);
    const turkey = Object.keys(before).map(Number)[0]!;
    await storePosts(t.db, [post('11', BRAZIL_EN, { seq: 1 })]);
    const after = await events();
    expect(after[turkey]).toEqual({ cp: ['TR'], posts: ['10'] });
    expect(Object.values(after)).toContainEqual({ cp: ['BR'], posts: ['11'] });
    // The evidence of the English text went with its link.
    const ev = await t.db.selectFrom('event_posts').select('evidence').where('event_id', '=', turkey).execute();
    const phrases = ev.flatMap((e) => (e.evidence as { phrase: string }[]).map((x) => x.phrase));
    expect(phrases.join(' ')).toMatch(/разговор/);
    expect(phrases.join(' ')).not.toMatch(/telephone conversation|Türkiye/);
  });

  test('an event left with no post is removed and its id retired with its day and counterparts', async () => {
    await storePosts(t.db, [post('20', TURKEY_EN)]);
    const id = Object.keys(await events()).map(Number)[0]!;
    const s = await storePosts(t.db, [post('20', NOTHING)]);
    expect(s).toMatchObject({ postsEdited: 1, eventsRetired: 1, postsNoEvent: 1 });
    expect(await n('events')).toBe(0);
    const gone = await t.db.selectFrom('retired_events').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(gone).toMatchObject({ date: '2024-03-12', type: 'phone_call', countries: ['TR'], organizations: [] });
    expect(gone.post_ids).toHaveLength(1);
  });

  test('posts without ids are known by file and place: the same file adds nothing, a changed post is replaced', async () => {
    const file = (texts: string[]) => texts.map((text, seq) => post(null, text, { seq, postedAt: null, channel: null }));
    const opts = { channel: 'MID_Russia', year: 2024, source: 'march.txt' };
    await storeBatches(t.db, [{ posts: file([TURKEY_EN, INDIA_EN]), source: 'march.txt' }], opts);
    expect(await storeBatches(t.db, [{ posts: file([TURKEY_EN, INDIA_EN]), source: 'march.txt' }], opts)).toMatchObject({ postsNew: 0, postsExisting: 2 });
    // The same text at two places in one file is two posts.
    const s = await storeBatches(t.db, [{ posts: file([TURKEY_EN, BRAZIL_EN, TURKEY_EN]), source: 'march.txt' }], opts);
    expect(s).toMatchObject({ postsNew: 1, postsEdited: 1, postsExisting: 1 });
    expect(Object.values(await events()).map((e) => e.cp)).toEqual(expect.arrayContaining([['TR'], ['BR']]));
    expect(await n('posts')).toBe(3);
    const stored = await t.db.selectFrom('posts').select(['source_file', 'seq', 'text']).orderBy('seq').execute();
    expect(stored).toEqual([
      { source_file: 'march.txt', seq: 0, text: TURKEY_EN },
      { source_file: 'march.txt', seq: 1, text: BRAZIL_EN },
      { source_file: 'march.txt', seq: 2, text: TURKEY_EN },
    ]);
  });

  test('a file read without --channel, then with it, then without again is one set of posts', async () => {
    const file = () => [post(null, TURKEY_EN, { postedAt: null, channel: null }), post('77', INDIA_EN, { channel: null, seq: 1 })];
    const run = (channel?: string) => storeBatches(t.db, [{ posts: file(), source: 'mixed.jsonl' }], { channel, year: 2024 });
    expect(await run()).toMatchObject({ postsNew: 2 });
    expect(await t.db.selectFrom('channels').select('handle').execute()).toEqual([{ handle: 'unknown' }]);
    // The channel named later takes over the posts stored under none.
    expect(await run('MID_Russia')).toMatchObject({ postsNew: 0, postsExisting: 2 });
    expect(await run()).toMatchObject({ postsNew: 0, postsExisting: 2 });
    const stored = await t.db.selectFrom('posts').innerJoin('channels', 'channels.id', 'posts.channel_id').select('channels.handle').execute();
    expect(stored).toEqual([{ handle: 'MID_Russia' }, { handle: 'MID_Russia' }]);
    expect(await n('events')).toBe(2);
  });

  test('a plain-text post stored before files were named is found by its text, not stored again', async () => {
    const ch = await t.db.insertInto('channels').values({ handle: 'MID_Russia' }).returning('id').executeTakeFirstOrThrow();
    const { contentHash } = await import('./prepare');
    await t.db.insertInto('posts').values({ channel_id: ch.id, content_hash: contentHash(TURKEY_EN), lang: 'en', text: TURKEY_EN, hashtags: [], year_hint: 2024 }).execute();
    const file = [post(null, TURKEY_EN, { postedAt: null, channel: null })];
    const s = await storeBatches(t.db, [{ posts: file, source: 'old.txt' }], { channel: 'MID_Russia', year: 2024 });
    expect(s).toMatchObject({ postsNew: 0, postsExisting: 1 });
    expect(await t.db.selectFrom('posts').select(['source_file', 'seq']).execute()).toEqual([{ source_file: 'old.txt', seq: 0 }]);
    // Read in another year, the same post is replaced: its events are dated anew.
    expect(await storeBatches(t.db, [{ posts: file, source: 'old.txt' }], { channel: 'MID_Russia', year: 2023 })).toMatchObject({ postsNew: 0, postsEdited: 1 });
    expect(await t.db.selectFrom('events').select('date').execute()).toEqual([{ date: '2023-03-12' }]);
  });

  test('--channel fills in a missing channel, agrees with a spelling of the same one, and refuses another', async () => {
    const s = await storePosts(t.db, [post('1', TURKEY_EN, { channel: null }), post('2', INDIA_EN, { channel: 'mfarussia', seq: 1 })], { channel: '@MFARussia' });
    expect(s.postsNew).toBe(2);
    expect(await t.db.selectFrom('channels').select('handle').execute()).toEqual([{ handle: 'MFARussia' }]);
    // The same posts read without --channel are the same posts.
    expect(await storePosts(t.db, [post('1', TURKEY_EN), post('2', INDIA_EN, { seq: 1 })])).toMatchObject({ postsNew: 0, postsExisting: 2 });
    const before = await n('posts');
    await expect(storePosts(t.db, [post('3', BRAZIL_EN, { channel: 'MID_Russia' })], { channel: 'MFARussia' })).rejects.toThrow(ChannelConflict);
    expect(await n('posts')).toBe(before);
  });

  test('a reparse keeps every event id; an event the posts no longer make is retired', async () => {
    await storePosts(t.db, [post('30', TURKEY_RU, { lang: 'ru' }), post('31', TURKEY_EN, { seq: 1 }), post('32', INDIA_EN, { seq: 2 })]);
    const before = await events();
    const [turkey] = Object.entries(before).find(([, e]) => e.cp[0] === 'TR')!;
    // Split the Turkey call in two by hand, as a different parser might have: a reparse makes one again.
    const split = await t.db.insertInto('events').values({ date: '2024-03-12', type: 'phone_call', principal: null, venue: null, title: 'split', summary: '' }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('event_countries').values({ event_id: split.id, country: 'TR', role: 'counterpart' }).execute();
    const en = await t.db.selectFrom('posts').select('id').where('external_id', '=', '31').executeTakeFirstOrThrow();
    await t.db.updateTable('event_posts').set({ event_id: split.id }).where('post_id', '=', en.id).execute();

    const s = await reparseAll(t.db);
    expect(s).toMatchObject({ eventsCreated: 2, eventsKept: 2, eventsRetired: 1 });
    expect(await events()).toEqual(before);
    const gone = await t.db.selectFrom('retired_events').selectAll().where('id', '=', split.id).executeTakeFirstOrThrow();
    expect(gone).toMatchObject({ date: '2024-03-12', countries: ['TR'], post_ids: [en.id] });
    expect(Number(turkey)).toBeLessThan(split.id);
    // A second reparse changes nothing.
    expect(await reparseAll(t.db)).toMatchObject({ eventsKept: 2, eventsRetired: 0 });
    expect(await events()).toEqual(before);
  });

  test('a reparse folds one channel stored under two spellings, keeping each post once', async () => {
    const a = await t.db.insertInto('channels').values({ handle: 'MFARussia' }).returning('id').executeTakeFirstOrThrow();
    const b = await t.db.insertInto('channels').values({ handle: '@mfarussia' }).returning('id').executeTakeFirstOrThrow();
    for (const ch of [a.id, b.id]) {
      await t.db.insertInto('posts').values({ channel_id: ch, external_id: '40', content_hash: 'h40', posted_at: at('2024-03-12T09:00:00Z'), lang: 'en', text: TURKEY_EN, hashtags: [] }).execute();
    }
    await t.db.insertInto('posts').values({ channel_id: b.id, external_id: '41', content_hash: 'h41', posted_at: at('2024-03-12T09:00:00Z'), lang: 'en', text: INDIA_EN, hashtags: [] }).execute();
    await reparseAll(t.db);
    expect(await t.db.selectFrom('channels').select(['id', 'handle']).execute()).toEqual([{ id: a.id, handle: 'MFARussia' }]);
    expect((await t.db.selectFrom('posts').select('external_id').orderBy('external_id').execute()).map((p) => p.external_id)).toEqual(['40', '41']);
    expect(Object.values(await events()).map((e) => e.cp)).toEqual([['TR'], ['IN']]);
  });
});

describe(`a batch that names --channel wrongly, on the ${dbKind} database`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb();
  });
  afterAll(() => t.close());

  test('a later batch with another channel rolls back the whole run', async () => {
    const batches = [[post('1', TURKEY_EN)], [post('2', INDIA_EN, { channel: 'KremlinRussia' })]];
    await expect(storeBatches(t.db, batches, { channel: 'MFARussia' })).rejects.toThrow(/contradicts the channel of post 2/);
    expect(Number((await t.db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
  });
});
