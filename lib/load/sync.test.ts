import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { PREVIEW_BEFORE_19698, PREVIEW_BEFORE_19709, PREVIEW_EXPORT, PREVIEW_LATEST, PREVIEW_TRUNCATED, previewHtml } from '@/lib/ingest/fixtures/telegram-preview';
import { readPostsFromFile } from '@/lib/ingest/read';
import { storePosts } from './store';
import { dbKind, freshDb, type TestDb } from '@/scripts/testing/db';
import { syncSources, type SyncOptions } from './sync';

/** A local t.me: each address answers what the test says; every request is logged. */
interface FakeSite {
  url: string;
  log: string[];
  pages: Map<string, () => { status: number; body: string; headers?: Record<string, string> }>;
  close(): Promise<void>;
}

async function fakeSite(): Promise<FakeSite> {
  const pages = new Map<string, () => { status: number; body: string; headers?: Record<string, string> }>();
  const log: string[] = [];
  const server = http.createServer((req, res) => {
    log.push(`${req.url} ${req.headers['user-agent'] ?? ''}`);
    const answer = pages.get(req.url ?? '');
    const a = answer ? answer() : { status: 404, body: 'not found' };
    res.writeHead(a.status, { 'Content-Type': 'text/html; charset=utf-8', ...a.headers });
    res.end(a.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, log, pages, close: () => new Promise((r) => server.close(() => r())) };
}

const ok = (body: string) => () => ({ status: 200, body });
const whole = () =>
  new Map([
    [PREVIEW_LATEST.path, ok(previewHtml(PREVIEW_LATEST))],
    [PREVIEW_BEFORE_19709.path, ok(previewHtml(PREVIEW_BEFORE_19709))],
    [PREVIEW_BEFORE_19698.path, ok(previewHtml(PREVIEW_BEFORE_19698))],
  ]);

/** The latest page with one post edited and a new one after it (a copy of 19715 as 19716). */
function latestAfterChanges(): string {
  let html = previewHtml(PREVIEW_LATEST).replace('Yvan Gil on the sidelines', 'Yvan Gil and discussed bilateral trade on the sidelines');
  const at = html.indexOf('data-post="MFARussia/19715"');
  const start = html.lastIndexOf('<div class="tgme_widget_message_wrap', at);
  const end = html.indexOf('</section>', at);
  const copy = html
    .slice(start, end)
    .replaceAll('19715', '19716')
    .replace(/Sergey Lavrov: We are <i>ready for dialogue<\/i>[^<]*/, 'On September 21, Sergey Lavrov met with Foreign Minister of Jordan Ayman Safadi. ');
  html = html.slice(0, end) + copy + html.slice(end);
  return html;
}

describe(`sync of a channel's public page on the ${dbKind} database`, () => {
  let site: FakeSite;
  let t: TestDb;
  let state: string;
  let waits: number[];
  const opts = (more: Partial<SyncOptions> = {}): SyncOptions => ({
    telegramBase: site.url,
    delayMs: 0,
    retries: 1,
    since: '2023-01-01',
    stateDir: state,
    sleep: async (ms) => void waits.push(ms),
    ...more,
  });
  const count = async (table: 'posts' | 'events') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const channel = [{ kind: 'telegram' as const, channel: 'MFARussia' }];

  beforeAll(async () => {
    site = await fakeSite();
  });
  afterAll(() => site.close());
  beforeEach(async () => {
    t = await freshDb();
    state = fs.mkdtempSync(path.join(os.tmpdir(), 'sidelines-sync-'));
    waits = [];
    site.log.length = 0;
    site.pages.clear();
    for (const [k, v] of whole()) site.pages.set(k, v);
  });
  afterEach(async () => {
    await t.close();
    fs.rmSync(state, { recursive: true, force: true });
  });

  test('a first run reads back to the first post; a second adds nothing; new and edited posts are taken in', async () => {
    const first = await syncSources(t.db, channel, opts());
    expect(first.sources).toEqual([{ source: 't.me/s/MFARussia', channel: 'MFARussia', pages: 3, posts: 8, resumed: false, stop: 'start' }]);
    expect(first.store.postsNew).toBe(8);
    expect(site.log.map((l) => l.split(' ')[0])).toEqual(['/s/MFARussia', '/s/MFARussia?before=19709', '/s/MFARussia?before=19698']);
    // It says who is asking.
    expect(site.log[0]).toMatch(/Sidelines\/1\.0/);
    const ids = (await t.db.selectFrom('posts').select(['external_id', 'url']).orderBy('external_id').execute()).map((p) => p.external_id);
    expect(ids).toEqual([...PREVIEW_BEFORE_19709.postIds, ...PREVIEW_LATEST.postIds]);
    const events = await count('events');
    expect(events).toBeGreaterThan(0);
    const synced = await t.db.selectFrom('channels').select(['handle', 'last_synced_at']).execute();
    expect(synced).toEqual([{ handle: 'MFARussia', last_synced_at: expect.anything() }]);

    // Nothing new: the latest page reaches what is stored, and one page more is read for edits.
    site.log.length = 0;
    const second = await syncSources(t.db, channel, opts());
    expect(second.store.postsNew).toBe(0);
    expect(second.store.postsEdited).toBe(0);
    expect(second.sources[0]?.stop).toBe('stored');
    expect(site.log).toHaveLength(2);
    expect([await count('posts'), await count('events')]).toEqual([8, events]);

    // A new post, and one edited since it was stored: its events are made again.
    site.pages.set(PREVIEW_LATEST.path, ok(latestAfterChanges()));
    const third = await syncSources(t.db, channel, opts());
    expect([third.store.postsNew, third.store.postsEdited]).toEqual([1, 1]);
    const edited = await t.db.selectFrom('posts').select('text').where('external_id', '=', '19712').executeTakeFirstOrThrow();
    expect(edited.text).toContain('discussed bilateral trade');
    const jordan = await t.db
      .selectFrom('event_countries')
      .innerJoin('event_posts', 'event_posts.event_id', 'event_countries.event_id')
      .innerJoin('posts', 'posts.id', 'event_posts.post_id')
      .select('event_countries.country')
      .where('posts.external_id', '=', '19716')
      .execute();
    expect(jordan.map((r) => r.country.trim())).toContain('JO');
  });

  test('a run stopped by a server error stores nothing and keeps what it read; the next goes on from there', async () => {
    site.pages.set(PREVIEW_BEFORE_19709.path, () => ({ status: 500, body: 'oops' }));
    await expect(syncSources(t.db, channel, opts())).rejects.toThrow(/before=19709: HTTP 500/);
    expect(await count('posts')).toBe(0);
    // Tried twice (retries: 1), after a pause.
    expect(site.log.filter((l) => l.startsWith(PREVIEW_BEFORE_19709.path))).toHaveLength(2);
    expect(waits).toHaveLength(1);
    expect(fs.readdirSync(path.join(state, 'sync'))).toHaveLength(1);

    site.pages.set(PREVIEW_BEFORE_19709.path, ok(previewHtml(PREVIEW_BEFORE_19709)));
    site.log.length = 0;
    const resumed = await syncSources(t.db, channel, opts());
    expect(resumed.sources[0]).toMatchObject({ resumed: true, pages: 3, posts: 8, stop: 'start' });
    // The latest page was not read again.
    expect(site.log.map((l) => l.split(' ')[0])).toEqual(['/s/MFARussia?before=19709', '/s/MFARussia?before=19698']);
    expect(await count('posts')).toBe(8);
    // Stored: the checkpoint is gone.
    expect(fs.readdirSync(path.join(state, 'sync'))).toEqual([]);
  });

  test('a 429 is waited out as long as Retry-After says, then the page is read', async () => {
    let asked = 0;
    site.pages.set(PREVIEW_LATEST.path, () => (asked++ === 0 ? { status: 429, body: 'slow down', headers: { 'Retry-After': '7' } } : { status: 200, body: previewHtml(PREVIEW_LATEST) }));
    const s = await syncSources(t.db, channel, opts());
    expect(waits).toEqual([7000]);
    expect(s.store.postsNew).toBe(8);
    // A wait past the bound is a failure that says when to come back, not a hang.
    site.pages.set(PREVIEW_LATEST.path, () => ({ status: 429, body: 'slow down', headers: { 'Retry-After': '3600' } }));
    await expect(syncSources(t.db, channel, opts())).rejects.toThrow(/asks to wait 3600 s; run again later/);
  });

  test('a page cut short is read again, never stored half', async () => {
    let asked = 0;
    site.pages.set(PREVIEW_LATEST.path, () => ({ status: 200, body: previewHtml(asked++ === 0 ? PREVIEW_TRUNCATED : PREVIEW_LATEST) }));
    const s = await syncSources(t.db, channel, opts());
    expect(asked).toBe(2);
    expect(s.store.postsNew).toBe(8);
  });

  test('a first run without --since reads the last 30 days only', async () => {
    // The fixture's posts are of 19-21 September 2023: 30 days before 20 October is 20 September.
    const s = await syncSources(t.db, channel, opts({ since: undefined, now: () => new Date('2023-10-20T00:00:00Z') }));
    expect(s.sources[0]).toMatchObject({ stop: 'since', pages: 1 });
    expect((await t.db.selectFrom('posts').select('external_id').orderBy('external_id').execute()).map((p) => p.external_id)).toEqual(['19712', '19713', '19715']);
  });

  test('after the JSON export of the same channel, a sync adds nothing: they are the same posts', async () => {
    const exported = await storePosts(t.db, await readPostsFromFile(PREVIEW_EXPORT));
    expect(exported.postsNew).toBe(8);
    const s = await syncSources(t.db, channel, opts());
    expect([s.store.postsNew, s.store.postsEdited, s.store.postsExisting]).toEqual([0, 0, 8]);
  });

  test('an RSS feed and an Atom feed: each item a post of the channel named for it', async () => {
    site.pages.set('/feed.rss', ok(RSS));
    site.pages.set('/feed.atom', ok(ATOM));
    const s = await syncSources(t.db, [{ kind: 'feed', url: `${site.url}/feed.rss`, channel: 'kremlin_ru' }, { kind: 'feed', url: `${site.url}/feed.atom`, channel: 'site_news' }], opts());
    expect(s.sources.map((x) => [x.channel, x.posts, x.stop])).toEqual([['kremlin_ru', 2, 'feed'], ['site_news', 1, 'feed']]);
    const posts = await t.db.selectFrom('posts').innerJoin('channels', 'channels.id', 'posts.channel_id').select(['channels.handle', 'posts.external_id', 'posts.text', 'posts.url', 'posts.posted_at']).orderBy('posts.id').execute();
    expect(posts.map((p) => [p.handle, p.external_id, p.url])).toEqual([
      ['kremlin_ru', 'http://kremlin.ru/events/president/news/73001', 'http://kremlin.ru/events/president/news/73001'],
      ['kremlin_ru', 'http://kremlin.ru/events/president/news/73002', 'http://kremlin.ru/events/president/news/73002'],
      ['site_news', 'tag:example.org,2026:1', 'https://example.org/news/1'],
    ]);
    expect(posts[0]!.text).toBe('Телефонный разговор с Президентом Египта Абдельфаттахом Сисси\n\nВладимир Путин провёл телефонный разговор с Президентом Арабской Республики Египет.\nОбсуждались вопросы двустороннего сотрудничества.');
    expect(new Date(posts[0]!.posted_at!).toISOString()).toBe('2026-03-02T14:30:00.000Z');
    expect(await count('events')).toBeGreaterThan(0);
    // The same feed again adds nothing.
    const again = await syncSources(t.db, [{ kind: 'feed', url: `${site.url}/feed.rss`, channel: 'kremlin_ru' }], opts());
    expect(again.store.postsNew).toBe(0);
    site.pages.set('/not-a-feed', ok('<html><body>hello</body></html>'));
    await expect(syncSources(t.db, [{ kind: 'feed', url: `${site.url}/not-a-feed`, channel: 'x_news' }], opts())).rejects.toThrow(/not an RSS, Atom, RDF or JSON feed/);
  });

  test('a channel that is not there is a clear failure', async () => {
    await expect(syncSources(t.db, [{ kind: 'telegram', channel: 'NoSuchChannel' }], opts())).rejects.toThrow(/HTTP 404 \(no such page: is the channel public, and its name right\?\)/);
  });
});

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Президент России: новости</title>
    <link>http://kremlin.ru/events/president/news</link>
    <description>Новости</description>
    <item>
      <title>Встреча с Президентом Вьетнама</title>
      <link>http://kremlin.ru/events/president/news/73002</link>
      <guid>http://kremlin.ru/events/president/news/73002</guid>
      <pubDate>Tue, 03 Mar 2026 11:00:00 +0300</pubDate>
      <description><![CDATA[<p>Владимир Путин провёл переговоры с Президентом Социалистической Республики Вьетнам.</p>]]></description>
    </item>
    <item>
      <title>Телефонный разговор с Президентом Египта Абдельфаттахом Сисси</title>
      <link>http://kremlin.ru/events/president/news/73001</link>
      <guid>http://kremlin.ru/events/president/news/73001</guid>
      <pubDate>Mon, 02 Mar 2026 17:30:00 +0300</pubDate>
      <description><![CDATA[<p>Владимир Путин провёл телефонный разговор с Президентом Арабской Республики Египет.<br/>Обсуждались вопросы двустороннего сотрудничества.</p>]]></description>
    </item>
  </channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example ministry news</title>
  <id>tag:example.org,2026:feed</id>
  <updated>2026-03-04T10:00:00Z</updated>
  <entry>
    <title>Foreign Minister met with the Foreign Minister of Jordan</title>
    <id>tag:example.org,2026:1</id>
    <link rel="alternate" href="https://example.org/news/1"/>
    <published>2026-03-04T09:00:00Z</published>
    <updated>2026-03-04T10:00:00Z</updated>
    <content type="html">&lt;p&gt;On March 4, Sergey Lavrov met with Foreign Minister of Jordan Ayman Safadi.&lt;/p&gt;</content>
  </entry>
</feed>`;
