import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readPostsFromFile } from '@/lib/ingest/read';
import type { RawPost } from '@/lib/ingest/types';
import { dbKind, freshDb, type TestDb } from '@/scripts/testing/db';
import { reparseAll, storeBatches, storePosts } from './store';

const SAMPLE = path.join(process.cwd(), 'data/sample/mfa-2023-09-19-21.txt');

async function counts(t: TestDb) {
  const n = async (table: 'posts' | 'events' | 'event_posts' | 'event_countries') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { posts: await n('posts'), events: await n('events'), links: await n('event_posts'), countries: await n('event_countries') };
}

describe(`storing posts and events on the ${dbKind} database`, () => {
  let t: TestDb;
  let sample: RawPost[];
  beforeAll(async () => {
    t = await freshDb();
    sample = await readPostsFromFile(SAMPLE, { channel: 'sample' });
  });
  afterAll(() => t.close());

  test('the sample loads: every post, one row per real event, links to all reporting posts', async () => {
    const s = await storePosts(t.db, sample);
    expect(s.postsRead).toBe(sample.length);
    expect(s.postsNew).toBe(sample.length);
    expect(s.postsFailed).toBe(0);
    const c = await counts(t);
    expect(c.posts).toBe(sample.length);
    expect(c.events).toBe(s.eventsCreated);
    expect(c.links).toBeGreaterThan(c.events);

    // The Venezuela meeting is one event reported by its Russian and English posts and both digests.
    const ve = await t.db
      .selectFrom('events')
      .innerJoin('event_countries', 'event_countries.event_id', 'events.id')
      .where('event_countries.country', '=', 'VE')
      .where('event_countries.role', '=', 'counterpart')
      .select(['events.id', 'events.date', 'events.type'])
      .execute();
    expect(ve).toHaveLength(1);
    expect(ve[0]).toMatchObject({ date: '2023-09-20', type: 'meeting' });
    const links = await t.db.selectFrom('event_posts').where('event_id', '=', ve[0]!.id).selectAll().execute();
    expect(links.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(links.map((l) => l.evidence))).toMatch(/Венесуэл|Venezuela/);
  });

  test('loading the same posts again adds nothing', async () => {
    const before = await counts(t);
    const s = await storePosts(t.db, sample);
    expect(s).toMatchObject({ postsNew: 0, postsExisting: sample.length, eventsCreated: 0 });
    expect(await counts(t)).toEqual(before);
  });

  test('a later run reporting a stored event merges into it', async () => {
    const before = await counts(t);
    const repeat: RawPost = {
      ...sample[0]!,
      seq: 99,
      text: '🇷🇺🇻🇪 On September 20, Sergey Lavrov and Foreign Minister of Venezuela Yvan Gil held talks in New York.',
    };
    const s = await storePosts(t.db, [repeat], { year: 2023 });
    expect(s.postsNew).toBe(1);
    expect(s.eventsCreated).toBe(0);
    const after = await counts(t);
    expect(after.events).toBe(before.events);
    expect(after.links).toBe(before.links + 1);
  });

  test('reparse rebuilds the same events from the stored posts alone', async () => {
    const before = await counts(t);
    const s = await reparseAll(t.db);
    expect(s.postsRead).toBe(before.posts);
    expect(await counts(t)).toEqual(before);
  });

  test('batches: one transaction, events merge across batches, a failing batch leaves nothing', async () => {
    const before = await counts(t);
    const ru: RawPost = { channel: 'b', externalId: '1', postedAt: new Date('2024-03-12T09:00:00Z'), lang: 'ru', url: null, seq: 0,
      text: '12 марта состоялся телефонный разговор С.В.Лаврова с Министром иностранных дел Турецкой Республики Х.Фиданом.' };
    const en: RawPost = { channel: 'b', externalId: '2', postedAt: new Date('2024-03-12T10:00:00Z'), lang: 'en', url: null, seq: 1,
      text: 'On March 12, Sergey Lavrov had a telephone conversation with Minister of Foreign Affairs of Türkiye Hakan Fidan.' };
    async function* failing() {
      yield [ru];
      throw new Error('line 2 is not valid JSON');
    }
    await expect(storeBatches(t.db, failing())).rejects.toThrow(/line 2/);
    expect(await counts(t)).toEqual(before);

    const s = await storeBatches(t.db, [[ru], [en]]);
    expect(s).toMatchObject({ postsRead: 2, postsNew: 2, eventsCreated: 1, eventsMerged: 1 });
    const after = await counts(t);
    expect(after.events).toBe(before.events + 1);
    expect(after.links).toBe(before.links + 2);
  });
});
