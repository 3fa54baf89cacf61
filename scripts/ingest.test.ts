// The ingest command as a user runs it: real files in, exit codes and one-line errors out.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { migrateToLatest } from '@/db';
import { dbKind } from '@/scripts/testing/db';
import { runMain } from '@/scripts/testing/cli';
import { commandEnv } from '@/scripts/testing/command-env';
import { main as ingestMain } from './ingest';
import { main as reparseMain } from './reparse';

const run = promisify(execFile);
const ROOT = process.cwd();
const SAMPLE = path.join(ROOT, 'data/sample/mfa-2023-09-19-21.txt');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

describe(`npm run ingest on the ${dbKind} database`, () => {
  const cli = commandEnv('cli');

  // The program's main in this process; the first test starts it as a process, as npm run does.
  const ingest = (...args: string[]): Promise<Result> => runMain(ingestMain, args, cli.env);

  async function ingestProcess(...args: string[]): Promise<Result> {
    try {
      const { stdout, stderr } = await run(TSX, ['scripts/ingest.ts', ...args], { env: cli.env, cwd: ROOT, maxBuffer: 64 << 20 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  async function stored(): Promise<{ posts: number; events: number }> {
    const db = await cli.open();
    try {
      const n = async (t: 'posts' | 'events') =>
        Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      return { posts: await n('posts'), events: await n('events') };
    } catch {
      return { posts: 0, events: 0 };
    } finally {
      await db.destroy();
    }
  }

  function file(name: string, content: string | Buffer): string {
    const p = path.join(cli.tmp, name);
    fs.writeFileSync(p, content);
    return p;
  }

  test('--dry-run --json, started as a process, prints the events and writes nothing', async () => {
    const r = await ingestProcess('--dry-run', '--json', SAMPLE);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.posts).toBe(18);
    expect(out.events.length).toBeGreaterThan(8);
    expect(out.events.find((e: { countries: string[] }) => e.countries.includes('VE'))).toMatchObject({ date: '2023-09-20', type: 'meeting' });
    // The parser handles every sample post: the list of those it could not is there, and empty.
    expect(out.errors).toEqual([]);
    expect(r.stderr).not.toMatch(/could not be parsed/);
    expect(fs.existsSync(cli.dataDir) && !cli.env.DATABASE_URL).toBe(false);
  });

  test('a run stores the posts and prints a summary; a second run adds nothing', async () => {
    const first = await ingest(SAMPLE, '--channel', 'MID_Russia');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/posts read\s+18/);
    expect(first.stdout).toMatch(/new\s+18/);
    expect(first.stdout).toMatch(/posts failed\s+0/);
    expect(first.stderr).not.toMatch(/could not be parsed/);
    const after = await stored();
    expect(after.posts).toBe(18);
    const second = await ingest(SAMPLE, '--channel', 'MID_Russia');
    expect(second.stdout).toMatch(/already stored\s+18/);
    expect(second.stdout).toMatch(/events created\s+0/);
    expect(await stored()).toEqual(after);
  });

  test.each([
    ['a missing file', () => path.join(cli.tmp, 'nope.json'), /nope\.json/],
    ['a directory', () => cli.tmp, /director/i],
    ['an empty file', () => file('empty.txt', ''), /empty/i],
    ['truncated JSON', () => file('cut.json', '{"name": "MFA", "type": "public_channel", "messages": [{"id": 1, "type": "message", "te'), /cut\.json.*(line|position|offset)/i],
    ['a JSON that is not a channel export', () => file('other.json', '{"hello": "world"}'), /other\.json/],
    ['text that is not UTF-8', () => file('latin1.txt', Buffer.from([0x4d, 0x49, 0xc4, 0x20, 0xff, 0xfe, 0x0a])), /UTF-8/],
    ['malformed JSON Lines', () => file('bad.jsonl', '{"text": "ok"}\n{"text": \n'), /bad\.jsonl.*line 2/],
  ])('%s: one clear line, non-zero exit, nothing written', async (_name, make, message) => {
    const before = await stored();
    const good = file('good.jsonl', '{"id": "1", "text": "🇷🇺🇮🇳 On May 5, 2024, Sergey Lavrov held talks with Minister of External Affairs of India Subrahmanyam Jaishankar."}\n');
    // The good file comes first: it must not be stored when a later file is bad.
    const r = await ingest(good, make());
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(await stored()).toEqual(before);
  });

  test('bad options are usage errors', async () => {
    expect((await ingest('--format', 'xml', SAMPLE)).stderr).toMatch(/--format must be one of/);
    expect((await ingest('--year', '20x3', SAMPLE)).code).toBe(2);
    expect((await ingest()).stderr).toMatch(/no input file/);
  });
});

// Posts are known by channel and id, never by their text; --channel only names a missing channel.
describe(`posts, channels and event ids through npm run ingest and reparse, on the ${dbKind} database`, () => {
  const cli = commandEnv('identity', { seed: true });
  // Several runs of the command each, on two shared cores.
  const SLOW = 300_000;

  const ingest = (...args: string[]) => runMain(ingestMain, args, cli.env);
  const reparse = (...args: string[]) => runMain(reparseMain, args, cli.env);

  async function query<T>(read: (db: Awaited<ReturnType<typeof cli.open>>) => Promise<T>): Promise<T> {
    const db = await cli.open();
    try {
      // A test run on its own reads before any command made the tables.
      await migrateToLatest(db);
      return await read(db);
    } finally {
      await db.destroy();
    }
  }
  const counts = () =>
    query(async (db) => {
      const n = async (t: 'posts' | 'events' | 'channels') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      return { posts: await n('posts'), events: await n('events'), channels: await n('channels') };
    });
  const file = (name: string, content: string) => {
    const p = path.join(cli.tmp, name);
    fs.writeFileSync(p, content);
    return p;
  };
  const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
  const CALL = (country: string, minister: string) => `On March 12, 2024, Sergey Lavrov had a telephone conversation with Minister of Foreign Affairs of ${country} ${minister}.`;

  test('one text under two ids is two posts; an edited post replaces its text and its event', async () => {
    const f = file('edits.jsonl', jsonl([
      { id: 'e1', date: '2024-03-12T09:00:00Z', channel: 'MFARussia', lang: 'en', text: CALL('Türkiye', 'Hakan Fidan') },
      { id: 'e2', date: '2024-03-12T10:00:00Z', channel: 'MFARussia', lang: 'en', text: CALL('Türkiye', 'Hakan Fidan') },
    ]));
    const first = await ingest('--json', f);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ postsNew: 2, eventsCreated: 1 });
    fs.writeFileSync(f, jsonl([
      { id: 'e1', date: '2024-03-12T09:00:00Z', channel: 'MFARussia', lang: 'en', text: CALL('Türkiye', 'Hakan Fidan') },
      { id: 'e2', date: '2024-03-12T10:00:00Z', channel: 'MFARussia', lang: 'en', text: CALL('Brazil', 'Mauro Vieira') },
    ]));
    const edited = await ingest(f);
    expect(edited.code, edited.stderr).toBe(0);
    expect(edited.stdout).toMatch(/replaced\s+1/);
    const stored = await query(async (db) => ({
      text: (await db.selectFrom('posts').select('text').where('external_id', '=', 'e2').executeTakeFirstOrThrow()).text,
      countries: (await db.selectFrom('event_countries').select('country').where('role', '=', 'counterpart').orderBy('country').execute()).map((c) => c.country.trim()),
    }));
    expect(stored).toEqual({ text: CALL('Brazil', 'Mauro Vieira'), countries: ['BR', 'TR'] });
    expect((await ingest(f)).stdout).toMatch(/already stored\s+2/);
  }, SLOW);

  test('--channel: the same channel spelled otherwise adds nothing; another channel is one line, nothing written', async () => {
    const f = file('mfa.jsonl', jsonl([{ id: '501', date: '2024-03-12T09:00:00Z', channel: 'MFARussia', lang: 'en', text: CALL('India', 'Subrahmanyam Jaishankar') }]));
    expect((await ingest(f)).code).toBe(0);
    const before = await counts();
    const again = await ingest(f, '--channel', '@mfarussia');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/already stored\s+1/);
    expect(await counts()).toEqual(before);

    const two = file('two.jsonl', jsonl([
      { id: '601', date: '2024-03-13T09:00:00Z', channel: 'MFARussia', lang: 'en', text: CALL('Egypt', 'Sameh Shoukry') },
      { id: '601', date: '2024-03-13T09:00:00Z', channel: 'MID_Russia', lang: 'ru', text: '13 марта состоялся телефонный разговор С.В.Лаврова с Министром иностранных дел Египта С.Шукри.' },
    ]));
    const wrong = await ingest(two, '--channel', 'MFARussia');
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toMatch(/--channel MFARussia contradicts the channel of post 601 \("MID_Russia"\)/);
    expect(await counts()).toEqual(before);
    // Without --channel both rows are stored, each under its own channel.
    const both = await ingest('--json', two);
    expect(both.code, both.stderr).toBe(0);
    expect(JSON.parse(both.stdout)).toMatchObject({ postsNew: 2 });
  }, SLOW);

  test('a Telegram export without then with --channel is stored once; a --channel that contradicts it is refused', async () => {
    const f = file('export.json', JSON.stringify({
      name: 'MFA Russia 🇷🇺',
      type: 'public_channel',
      id: 777000111,
      messages: [
        { id: 9001, type: 'message', date: '2024-04-02T12:00:00', date_unixtime: '1712059200', text: CALL('Kenya', 'Musalia Mudavadi').replace('March 12', 'April 2') },
        { id: 9002, type: 'message', date: '2024-04-02T13:00:00', date_unixtime: '1712062800', text: CALL('Kenya', 'Musalia Mudavadi').replace('March 12', 'April 2') },
      ],
    }));
    const first = await ingest('--json', f);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ postsNew: 2 });
    const before = await counts();
    const same = await ingest('--json', f, '--channel', 'MFARussia');
    expect(same.code, same.stderr).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ postsNew: 0, postsExisting: 2 });
    const other = await ingest(f, '--channel', 'MID_Russia');
    expect(other.code).not.toBe(0);
    expect(other.stderr.trim().split('\n')).toHaveLength(1);
    expect(other.stderr).toMatch(/contradicts/);
    expect(await counts()).toEqual(before);
  }, SLOW);

  test('ten calls in a plain-text file without a year are ten undated events, and the run says how to date them', async () => {
    const days = Array.from({ length: 10 }, (_, i) => i + 1);
    const f = file('turkey.txt', days.map((d) => `${d} марта состоялся телефонный разговор С.В.Лаврова с Министром иностранных дел Турецкой Республики Х.Фиданом.`).join('\n---\n'));
    const dry = await ingest('--dry-run', '--json', f);
    expect(JSON.parse(dry.stdout).events.filter((e: { countries: string[] }) => e.countries.includes('TR'))).toHaveLength(10);
    const before = await counts();
    const r = await ingest(f, '--channel', 'MID_Russia');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/posts, no date\s+10/);
    expect(r.stderr).toMatch(/10 posts have no date .*--year YYYY/);
    expect((await counts()).events).toBe(before.events + 10);
    // With the year, the same posts are ten dated calls: the file's posts are replaced, not added.
    const dated = await ingest(f, '--channel', 'MID_Russia', '--year', '2024');
    expect(dated.code, dated.stderr).toBe(0);
    expect(dated.stdout).toMatch(/replaced\s+10/);
    expect(dated.stderr).not.toMatch(/no date/);
    const turkey = await query((db) =>
      db
        .selectFrom('events')
        .innerJoin('event_countries', 'event_countries.event_id', 'events.id')
        .select('events.date')
        .where('event_countries.country', '=', 'TR')
        // The undated calls of the first run are gone, their posts' events derived again.
        .where((eb) => eb.or([eb('events.date', 'is', null), eb('events.date', '<=', '2024-03-10')]))
        .orderBy('events.date')
        .execute(),
    );
    expect(turkey.map((e) => e.date)).toEqual(days.map((d) => `2024-03-${String(d).padStart(2, '0')}`));
    expect((await counts()).posts).toBe(before.posts + 10);
  }, SLOW);

  test('npm run reparse keeps every event id, so permalinks survive', async () => {
    expect((await ingest(SAMPLE, '--channel', 'MID_Russia')).code).toBe(0);
    const ids = () => query(async (db) => (await db.selectFrom('events').select('id').orderBy('id').execute()).map((e) => e.id));
    const before = await ids();
    const r = await reparse();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${before.length} events \\(${before.length} kept their ids, 0 removed`));
    expect(await ids()).toEqual(before);
  }, SLOW);
});

// Telegram Desktop's HTML export is a folder of pages: the folder is the argument, and its posts
// are those of the channel's JSON export.
describe(`a Telegram Desktop HTML export through npm run ingest, on the ${dbKind} database`, () => {
  const cli = commandEnv('html-export', { seed: true });
  const ingest = (...args: string[]) => runMain(ingestMain, args, cli.env);
  const EXPORTS = path.join(ROOT, 'lib/ingest/fixtures/telegram-export');
  const HTML_EXPORT = path.join(EXPORTS, 'html/ChatExport_2023-09-22');
  const JSON_EXPORT = path.join(EXPORTS, 'json/ChatExport_2023-09-22/result.json');
  const SLOW = 300_000;

  async function counts(): Promise<{ posts: number; events: number }> {
    const db = await cli.open();
    try {
      await migrateToLatest(db);
      const n = async (t: 'posts' | 'events') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      return { posts: await n('posts'), events: await n('events') };
    } finally {
      await db.destroy();
    }
  }

  test('the folder, started as a process, gives the events of the JSON export', async () => {
    const { stdout } = await run(TSX, ['scripts/ingest.ts', '--dry-run', '--json', `${HTML_EXPORT}/`], { env: cli.env, cwd: ROOT, maxBuffer: 64 << 20 });
    const html = JSON.parse(stdout);
    const json = JSON.parse((await ingest('--dry-run', '--json', JSON_EXPORT)).stdout);
    expect(html.posts).toBe(6);
    expect(html.errors).toEqual([]);
    // The same events from the same posts; only the name of the file they came from differs.
    expect({ ...html, source: null }).toEqual({ ...json, source: null });
  }, SLOW);

  test('the folder is stored; its JSON export after it adds no post and no event', async () => {
    const first = await ingest('--json', HTML_EXPORT);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ postsRead: 6, postsNew: 6, postsFailed: 0 });
    const before = await counts();
    const json = await ingest('--json', JSON_EXPORT);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ postsRead: 6, postsNew: 0, postsExisting: 6, postsEdited: 0, eventsCreated: 0 });
    expect(await counts()).toEqual(before);
    // With the channel named as the export names it, and the pages named as a shell lists them.
    const pages = ['messages.html', 'messages2.html', 'messages3.html'].map((p) => path.join(HTML_EXPORT, p));
    const again = await ingest('--json', '--channel', '@mid_russia', pages[0]!, pages[1]!, pages[2]!);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ postsRead: 6, postsNew: 0, eventsCreated: 0 });
    expect(await counts()).toEqual(before);
  }, SLOW);

  test('--format telegram-html reads a page told otherwise; --channel of another channel is refused', async () => {
    const page = path.join(cli.tmp, 'saved.txt');
    fs.copyFileSync(path.join(HTML_EXPORT, 'messages2.html'), page);
    const forced = await ingest('--dry-run', '--json', '--format', 'telegram-html', page);
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(forced.stdout).posts).toBe(3);
    const other = await ingest('--dry-run', '--channel', 'MFARussia', HTML_EXPORT);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/--channel MFARussia contradicts the channel of post 50002 \("MID_Russia"\)/);
  }, SLOW);

  test.each([
    ['a folder that is no export', () => cli.tmp, /is a directory, and not a Telegram Desktop HTML export \(no messages\.html in it\); the formats read are /],
    ['an HTML page that is no export', () => path.join(ROOT, 'lib/ingest/fixtures/telegram-preview/mfarussia.html'), /mfarussia\.html: an HTML page that is not a page of a Telegram Desktop HTML export .*; the formats read are /],
    ['a binary file', () => {
      const p = path.join(cli.tmp, 'photo.jpg');
      fs.writeFileSync(p, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]));
      return p;
    }, /photo\.jpg: NUL byte at offset 4; this looks like a binary file, not posts; the formats read are /],
    ['an export with a page cut short', () => {
      const dir = path.join(cli.tmp, 'ChatExport_cut');
      fs.cpSync(HTML_EXPORT, dir, { recursive: true });
      const page = path.join(dir, 'messages3.html');
      const html = fs.readFileSync(page, 'utf8');
      fs.writeFileSync(page, html.slice(0, html.indexOf('Начало')));
      return dir;
    }, /messages3\.html: the page is cut short: it ends inside message 50010, before <\/html>\n$/],
  ])('%s: one line, non-zero exit, nothing written', async (_name, make, message) => {
    const before = await counts();
    const r = await ingest(make());
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(await counts()).toEqual(before);
  }, SLOW);
});
