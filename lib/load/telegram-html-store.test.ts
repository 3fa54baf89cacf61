// One channel read from its Telegram Desktop HTML export, its JSON export and its web preview is
// one set of posts: storing it from one after the other stores nothing new.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PREVIEW_BEFORE_19709, PREVIEW_EXPORT, PREVIEW_LATEST, previewHtml } from '@/lib/ingest/fixtures/telegram-preview';
import { readPostsFromFile, streamPostsFromFile } from '@/lib/ingest/read';
import { parsePreviewPage } from '@/lib/ingest/telegram-preview';
import type { RawPost } from '@/lib/ingest/types';
import { dbKind, freshDb, type TestDb } from '@/scripts/testing/db';
import { storeBatches, storePosts } from './store';

const FIXTURES = path.join(process.cwd(), 'lib/ingest/fixtures/telegram-export');
const HTML_EXPORT = path.join(FIXTURES, 'html/ChatExport_2023-09-22');
const JSON_EXPORT = path.join(FIXTURES, 'json/ChatExport_2023-09-22/result.json');

async function counts(t: TestDb) {
  const n = async (table: 'posts' | 'events' | 'event_posts' | 'channels') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { posts: await n('posts'), events: await n('events'), links: await n('event_posts'), channels: await n('channels') };
}

describe(`a channel's exports and its web preview on the ${dbKind} database`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb();
  });
  afterAll(() => t.close());

  test('the HTML export, then the JSON export of the same channel: no new post, no new event', async () => {
    const html = await storeBatches(t.db, streamPostsFromFile(HTML_EXPORT, {}, 4), { source: path.basename(HTML_EXPORT) });
    expect(html).toMatchObject({ postsRead: 6, postsNew: 6, postsFailed: 0 });
    expect(html.eventsCreated).toBeGreaterThan(0);
    const before = await counts(t);
    expect(before.channels).toBe(1);

    const json = await storePosts(t.db, await readPostsFromFile(JSON_EXPORT), { source: 'result.json' });
    expect(json).toMatchObject({ postsRead: 6, postsNew: 0, postsExisting: 6, postsEdited: 0, eventsCreated: 0 });
    expect(await counts(t)).toEqual(before);

    const again = await storeBatches(t.db, streamPostsFromFile(HTML_EXPORT), { source: path.basename(HTML_EXPORT) });
    expect(again).toMatchObject({ postsNew: 0, postsExisting: 6, postsEdited: 0, eventsCreated: 0 });
    expect(await counts(t)).toEqual(before);
  });

  test('the JSON export, then what the web preview shows of the channel: a sync after an export stores nothing', async () => {
    const start = await counts(t);
    const exported = await storePosts(t.db, await readPostsFromFile(PREVIEW_EXPORT), { source: 'result.json' });
    expect(exported).toMatchObject({ postsNew: 8, postsFailed: 0 });
    const before = await counts(t);
    expect(before.posts).toBe(start.posts + 8);

    // Oldest first, as a sync stores what it read.
    const previewed: RawPost[] = [PREVIEW_BEFORE_19709, PREVIEW_LATEST]
      .flatMap((page) => parsePreviewPage(previewHtml(page), { channel: 'MFARussia', url: `https://t.me${page.path}` }).posts)
      .map((p, seq) => ({ ...p, seq }));
    const synced = await storePosts(t.db, previewed, { source: 't.me/s/MFARussia' });
    expect(synced).toMatchObject({ postsRead: 8, postsNew: 0, postsExisting: 8, postsEdited: 0, eventsCreated: 0 });
    expect(await counts(t)).toEqual(before);
  });
});
