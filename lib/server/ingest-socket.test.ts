// The dashboard's server holds the embedded folder and stores the commands' runs through its
// socket: the same output and the same rows as a run of their own, one run at a time, nothing
// written of a run whose command stops, goes away or fails on its file, the web app's session
// read-only all the while.
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Database } from '@/db';
import { dataVersion } from '@/db/queries/version';
import { decodeServerMessage, MessageSocket, PROTOCOL_VERSION, socketPath, type ClientMessage, type ServerMessage } from '@/lib/load/socket-protocol';
import { openWebDb } from '@/lib/server/db';
import { recordingIo } from '@/scripts/io';
import { main as ingestMain } from '@/scripts/ingest';
import { main as reparseMain } from '@/scripts/reparse';
import { main as syncMain } from '@/scripts/sync';
import { previewHtml, previewPageAt } from '@/lib/ingest/fixtures/telegram-preview';
import { listenForRuns, type IngestSocket } from './ingest-socket';

const ROOT = process.cwd();
const SAMPLE = path.join(ROOT, 'data/sample/mfa-2023-09-19-21.txt');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const HANDED = 'ingest: the dashboard is running on this data folder: storing through it\n';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sidelines-sock-'));
/** The dashboard's folder, and a folder of its own for the runs to compare with. */
const served = path.join(tmp, 'served');
const local = path.join(tmp, 'local');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Three posts as the ministry's channel publishes them, in JSON Lines. */
function mfaPosts(ids: [number, number, number]): string {
  const [a, b, c] = ids;
  return [
    {
      id: String(a),
      date: '2024-03-05T11:20:00+03:00',
      channel: 'MFARussia',
      lang: 'en',
      text: '🇷🇺🇹🇷 On March 5, Russian Foreign Minister Sergey Lavrov held talks with Minister of Foreign Affairs of the Republic of Türkiye Hakan Fidan in Moscow.\n\nThe Ministers discussed the situation in the Middle East and the South Caucasus.',
    },
    {
      id: String(b),
      date: '2024-03-06T15:45:00+03:00',
      channel: 'MFARussia',
      lang: 'ru',
      text: '🇷🇺🇪🇬 6 марта Министр иностранных дел России С.В.Лавров провёл телефонный разговор с Министром иностранных дел Египта С.Шукри.\n\nОбсуждены актуальные вопросы двусторонней повестки дня и ситуация в секторе Газа.',
    },
    {
      id: String(c),
      date: '2024-03-07T10:05:00+03:00',
      channel: 'MFARussia',
      lang: 'en',
      text: '🇷🇺🇮🇳 On March 7, Deputy Foreign Minister Andrey Rudenko met with Ambassador of the Republic of India to Russia Vinay Kumar.\n\nThe parties discussed topical issues of the bilateral agenda.',
    },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n');
}

function file(name: string, content: string): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, content);
  return p;
}

async function seed(dir: string): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = new PGlite({ dataDir: dir, loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) });
  await pg.waitReady;
  await pg.close();
}

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function runIn(main: (argv: string[], io: ReturnType<typeof recordingIo>) => Promise<number>, dir: string, args: string[]): Promise<Result> {
  const io = recordingIo({ ...process.env, SIDELINES_DATA_DIR: dir });
  const code = await main(args, io);
  return { code, stdout: io.out, stderr: io.err };
}

const ingest = (dir: string, ...args: string[]) => runIn(ingestMain, dir, args);
const reparse = (dir: string, ...args: string[]) => runIn(reparseMain, dir, args);

/** What a run prints, its folder's name made the same. */
const sameFolder = (r: Result, dir: string) => ({ ...r, stdout: r.stdout.split(dir).join('<folder>') });

async function counts(db: Kysely<Database>): Promise<{ posts: number; events: number; version: number }> {
  const n = async (t: 'posts' | 'events') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { posts: await n('posts'), events: await n('events'), version: await dataVersion(db) };
}

/** A command speaking the protocol by hand, to stop where a real one would not. */
async function rawClient(dir = served): Promise<MessageSocket<ServerMessage, ClientMessage>> {
  const socket = net.createConnection(socketPath(dir));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const conn = new MessageSocket<ServerMessage, ClientMessage>(socket, decodeServerMessage);
  expect(await conn.receive(5_000)).toEqual({ type: 'hello', v: PROTOCOL_VERSION });
  return conn;
}

/** Reads messages up to one of this type, and gives it. */
async function until<T extends ServerMessage['type']>(conn: MessageSocket<ServerMessage, ClientMessage>, type: T): Promise<Extract<ServerMessage, { type: T }>> {
  for (;;) {
    const m = await conn.receive(20_000);
    if (m.type === type) return m as Extract<ServerMessage, { type: T }>;
  }
}

const batchOf = (ids: number[]) => ({
  type: 'batch' as const,
  posts: ids.map((id, i) => ({
    channel: 'MFARussia',
    externalId: String(id),
    postedAt: new Date('2024-04-02T09:00:00Z'),
    lang: 'en' as const,
    text: `On April 2, Russian Foreign Minister Sergey Lavrov held talks with Minister of Foreign Affairs of Brazil Mauro Vieira (${id}).`,
    url: null,
    seq: i,
  })),
  source: 'by-hand.jsonl',
});

describe('ingest and reparse through the dashboard holding the embedded folder', () => {
  let db: Kysely<Database>;
  let listening: IngestSocket;

  beforeAll(async () => {
    await Promise.all([seed(served), seed(local)]);
    // The web app's own database: in its thread, migrated, its session read-only.
    db = await openWebDb({ SIDELINES_DATA_DIR: served });
    listening = await listenForRuns(db, served, { idleMs: 2_000 });
  }, 120_000);

  afterAll(async () => {
    await listening?.close();
    await db?.destroy();
  });

  test("the socket is in the data folder, the owner's alone", () => {
    expect(listening.path).toBe(path.join(served, 'sidelines.sock'));
    const st = fs.lstatSync(listening.path);
    expect(st.isSocket()).toBe(true);
    expect(st.mode & 0o777).toBe(0o600);
    // No folder of its making is left beside it.
    expect(fs.readdirSync(served).filter((f) => f.startsWith('.sock-'))).toEqual([]);
  });

  test('an ingest prints what a run of its own prints, and stores the same', async () => {
    const before = await counts(db);
    const sample = ['--channel', 'mfa_russia_sample', '--year', '2023', SAMPLE];
    const [sampleHere, sampleThere] = [await ingest(served, ...sample), await ingest(local, ...sample)];
    expect(sampleHere.code, sampleHere.stderr).toBe(0);
    expect(sameFolder(sampleHere, served)).toEqual({ ...sameFolder(sampleThere, local), stderr: HANDED + sampleThere.stderr });
    expect(sampleHere.stdout).toMatch(/posts read\s+18\n/);

    // The ministry's own posts replace the sample, in the same transaction: said on stderr.
    const mfa = file('mfa.jsonl', mfaPosts([31001, 31002, 31003]));
    const [here, there] = [await ingest(served, mfa), await ingest(local, mfa)];
    expect(here.code, here.stderr).toBe(0);
    expect(sameFolder(here, served)).toEqual({ ...sameFolder(there, local), stderr: HANDED + there.stderr });
    expect(here.stderr).toMatch(/removed it \(18 posts, \d+ events\)/);
    expect(here.stdout).toMatch(/into embedded PostgreSQL in .*served:\n {2}posts read {8}3\n {2}new {15}3\n/);

    const [json, jsonLocal] = [await ingest(served, '--json', mfa), await ingest(local, '--json', mfa)];
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(jsonLocal.stdout));
    expect(JSON.parse(json.stdout)).toMatchObject({ postsRead: 3, postsNew: 0, postsExisting: 3 });

    const after = await counts(db);
    expect(after.posts).toBe(3);
    expect(after.events).toBe(3);
    // The dashboard's caches and ETags are keyed by the version: the next request sees the run.
    expect(after.version).toBeGreaterThan(before.version);
    const channels = await db.selectFrom('channels').select(['handle', 'last_ingested_at']).execute();
    expect(channels).toEqual([{ handle: 'MFARussia', last_ingested_at: expect.any(Date) }]);
  });

  test('the web app still cannot write: only the handed-over run is read-write', async () => {
    await expect(sql`update data_version set version = version + 1`.execute(db)).rejects.toThrow(/read-only transaction/);
    await expect(db.transaction().execute((trx) => trx.deleteFrom('posts').execute())).rejects.toThrow(/read-only transaction/);
  });

  test('a reparse prints what a reparse of its own prints', async () => {
    const [here, there] = [await reparse(served), await reparse(local)];
    expect(here.code, here.stderr).toBe(0);
    expect(here.stderr).toBe('reparse: the dashboard is running on this data folder: reparsing through it\n');
    expect(here.stdout.split(served).join('<folder>')).toBe(there.stdout.split(local).join('<folder>'));
    expect(here.stdout).toMatch(/3 posts reparsed, 3 events \(3 kept their ids/);
  });

  test('a file that fails after its first batch: the same one-line error, and nothing written', async () => {
    const before = await counts(db);
    // 2000 posts make the first batch (lib/ingest/read.ts); the broken line is in the second.
    const lines = Array.from({ length: 2100 }, (_, i) => JSON.stringify({ id: String(50_000 + i), date: '2024-03-10T10:00:00Z', channel: 'MFARussia', text: `Announcement ${i}.` }));
    const bad = file('bad.jsonl', `${lines.join('\n')}\n{"id": "broken",\n`);
    const [here, there] = [await ingest(served, bad), await ingest(local, bad)];
    expect(here.code).toBe(1);
    expect(here.stdout).toBe('');
    expect(here.stderr.split('\n').filter(Boolean)).toEqual([HANDED.trim(), there.stderr.trim()]);
    expect(there.stderr.trim().split('\n')).toHaveLength(1);
    expect(there.stderr).toMatch(/^ingest: .*bad\.jsonl/);
    expect(await counts(db)).toEqual(before);
  });

  test('a command that goes away in the middle of its run leaves the database as it was', async () => {
    const before = await counts(db);
    const conn = await rawClient();
    await conn.send({ type: 'store', v: PROTOCOL_VERSION, options: { replaceSample: true } });
    await until(conn, 'pull');
    await conn.send(batchOf([41001, 41002]));
    // The first batch is written in the run's transaction, and the next one asked for.
    await until(conn, 'progress');
    conn.destroy();
    // Read after the run has ended: the database has one connection, the run's until then.
    expect(await counts(db)).toEqual(before);
    expect(await db.selectFrom('posts').select('id').where('external_id', 'in', ['41001', '41002']).execute()).toEqual([]);
  });

  test('a command that stops sending is cut off: its run rolled back, the dashboard reads again', async () => {
    const before = await counts(db);
    const conn = await rawClient();
    await conn.send({ type: 'store', v: PROTOCOL_VERSION, options: {} });
    await until(conn, 'pull');
    await conn.send(batchOf([42001]));
    const error = await until(conn, 'error');
    expect(error.message).toMatch(/the command stopped sending its posts \(nothing came for 2 s\): nothing of the run was written/);
    expect(await counts(db)).toEqual(before);
    conn.destroy();
  });

  test('a second command waits for the first one to finish, then runs', async () => {
    const before = await counts(db);
    const first = await rawClient();
    await first.send({ type: 'store', v: PROTOCOL_VERSION, options: {} });
    await until(first, 'pull');
    await first.send(batchOf([43001]));
    // Stored in the run's transaction; the next batch was asked for before it was written.
    await until(first, 'progress');

    const second = ingest(served, '--json', file('second.jsonl', mfaPosts([44001, 44002, 44003])));
    let secondDone = false;
    void second.then(() => (secondDone = true));
    await new Promise((r) => setTimeout(r, 700));
    expect(secondDone).toBe(false);

    await first.send({ type: 'end' });
    const done = await until(first, 'done');
    expect(done.summary).toMatchObject({ postsRead: 1, postsNew: 1 });
    first.destroy();
    const r = await second;
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ postsRead: 3, postsNew: 3 });
    expect((await counts(db)).posts).toBe(before.posts + 4);
  });

  test('a reparse whose command goes away is rolled back, wherever it was', async () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({
        id: String(60_000 + i),
        date: `2024-0${4 + (i % 5)}-${String(1 + (i % 28)).padStart(2, '0')}T09:00:00Z`,
        channel: 'MFARussia',
        lang: 'en',
        text: `Russian Foreign Minister Sergey Lavrov held talks with Minister of Foreign Affairs of Brazil Mauro Vieira. The Ministers discussed the situation in the Middle East (${i}).`,
      }),
    );
    expect((await ingest(served, file('many.jsonl', many.join('\n')))).code).toBe(0);
    const before = await counts(db);
    const conn = await rawClient();
    await conn.send({ type: 'reparse', v: PROTOCOL_VERSION, options: {} });
    // Gone while the server parses the posts, before it has written them.
    await new Promise((r) => setTimeout(r, 150));
    conn.destroy();
    expect(await counts(db)).toEqual(before);
  });

  test('a command started as a process of its own hands over too', async () => {
    const r = await promisify(execFile)(TSX, ['scripts/ingest.ts', '--json', file('process.jsonl', mfaPosts([45001, 45002, 45003]))], {
      cwd: ROOT,
      env: { ...process.env, SIDELINES_DATA_DIR: served },
    });
    expect(r.stderr).toBe(HANDED);
    expect(JSON.parse(r.stdout)).toMatchObject({ postsRead: 3, postsNew: 3 });
  });

  test('a folder held by a process that answers on no socket: the error of before', async () => {
    await listening.close();
    expect(fs.existsSync(path.join(served, 'sidelines.sock'))).toBe(false);
    const r = await promisify(execFile)(TSX, ['scripts/ingest.ts', file('held.jsonl', mfaPosts([46001, 46002, 46003]))], {
      cwd: ROOT,
      env: { ...process.env, SIDELINES_DATA_DIR: served },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => err,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^ingest: the data folder ${served} is in use by another Sidelines process \\(pid ${process.pid} in its namespace\\): stop it or use \\S+\n$`));
    listening = await listenForRuns(db, served);
  });

  test('a sync is read by the dashboard and stored by it, its progress said by the command', async () => {
    const site = http.createServer((req, res) => {
      const page = previewPageAt(req.url ?? '/');
      if (!page) res.writeHead(404).end('no');
      else res.writeHead(200, { 'Content-Type': 'text/html' }).end(previewHtml(page));
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    // The server reads the pages: where t.me is, is its setting.
    process.env.SIDELINES_TELEGRAM_URL = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    try {
      const before = await counts(db);
      const r = await runIn(syncMain, served, ['MFARussia', '--since', '2023-01-01', '--delay', '0']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/^sync: the dashboard is running on this data folder: syncing through it\nsync: t\.me\/s\/MFARussia: page 1, 4 posts/);
      expect(r.stdout).toMatch(/t\.me\/s\/MFARussia: \d pages, 8 posts/);
      expect(r.stdout).toMatch(/new +8\n/);
      const after = await counts(db);
      expect(after.posts).toBe(before.posts + 8);
      const synced = await db.selectFrom('channels').select('last_synced_at').where('handle', '=', 'MFARussia').executeTakeFirstOrThrow();
      expect(synced.last_synced_at).toBeInstanceOf(Date);
    } finally {
      delete process.env.SIDELINES_TELEGRAM_URL;
      await new Promise<void>((r) => site.close(() => r()));
    }
  });
});

describe("the socket's file", () => {
  let db: Kysely<Database>;
  const dir = path.join(tmp, 'files');

  beforeAll(async () => {
    await seed(dir);
    db = await openWebDb({ SIDELINES_DATA_DIR: dir });
  }, 120_000);

  afterAll(async () => {
    await db?.destroy();
  });

  test('left by a server that died is replaced; closing removes it, and its exit hook', async () => {
    // A socket file nothing listens on: a second name of a socket whose server then closed.
    const other = net.createServer();
    const first = path.join(tmp, 'dead.sock');
    await new Promise<void>((resolve) => other.listen(first, resolve));
    fs.linkSync(first, socketPath(dir));
    await new Promise<void>((resolve) => other.close(() => resolve()));
    expect(fs.lstatSync(socketPath(dir)).isSocket()).toBe(true);

    const hooks = process.listenerCount('exit');
    const s = await listenForRuns(db, dir);
    expect(process.listenerCount('exit')).toBe(hooks + 1);
    const conn = await rawClient(dir);
    conn.destroy();
    await s.close();
    expect(fs.existsSync(socketPath(dir))).toBe(false);
    expect(process.listenerCount('exit')).toBe(hooks);
  });

  test('one that something answers on is left alone, and so is a file that is no socket', async () => {
    const live = net.createServer((c) => c.end());
    await new Promise<void>((resolve) => live.listen(socketPath(dir), resolve));
    try {
      await expect(listenForRuns(db, dir)).rejects.toThrow(/another process answers on .*sidelines\.sock/);
      expect(fs.lstatSync(socketPath(dir)).isSocket()).toBe(true);
    } finally {
      await new Promise<void>((resolve) => live.close(() => resolve()));
    }
    fs.rmSync(socketPath(dir), { force: true });
    fs.writeFileSync(socketPath(dir), 'notes');
    await expect(listenForRuns(db, dir)).rejects.toThrow(/is there and is not a socket/);
    expect(fs.readFileSync(socketPath(dir), 'utf8')).toBe('notes');
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.sock-'))).toEqual([]);
  });
});
