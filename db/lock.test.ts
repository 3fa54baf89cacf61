// The embedded data folder's lock, tried with real processes: two ingests in two pid namespaces
// (as two containers sharing a volume run them), a server and an ingest, and a holder killed
// with SIGKILL. Afterwards the folder must open with no hand to clean it, and hold exactly one
// run's posts, links that agree with each other and a rollup equal to a recount.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, inject, test, type TestContext } from 'vitest';
import { generateCorpus } from '@/scripts/bench/corpus';
import { createDb, migrateToLatest, type Database } from './index';
import { refreshRollup } from './rollup-refresh';
import { folderLockHolder, lockDataDir, LOCK_FILE } from './lock';

const ROOT = process.cwd();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sidelines-lock-'));
const started: Proc[] = [];
afterAll(() => {
  // A test that failed half way may leave its processes running: they go before their folder.
  for (const p of started) if (!p.exited()) p.kill('SIGKILL');
  fs.rmSync(tmp, { recursive: true, force: true });
});

const inUse = (dir: string, pid: number) => `the data folder ${dir} is in use by another Sidelines process (pid ${pid} in its namespace): stop it or use DATABASE_URL`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface Proc {
  pid: number;
  done: Promise<Result>;
  exited(): boolean;
  /** Output so far. */
  stdout(): string;
  write(line: string): void;
  kill(signal: NodeJS.Signals): void;
}

/**
 * A command in a process of its own; with `namespace`, in a pid namespace of its own, where it is
 * pid 1 and sees no process of this one's namespace. `--kill-child` ends it with unshare.
 */
function run(args: string[], opts: { dataDir: string; namespace?: boolean }): Proc {
  const env: NodeJS.ProcessEnv = { ...process.env, SIDELINES_DATA_DIR: opts.dataDir };
  // The folder is the point here, whichever database the rest of the suite runs on.
  delete env.DATABASE_URL;
  delete env.DATABASE_URL_WRITE;
  const [cmd, ...rest] = opts.namespace ? ['unshare', '--pid', '--fork', '--mount-proc', '--kill-child', process.execPath, ...args] : [process.execPath, ...args];
  const child = spawn(cmd, rest, { env, cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let exited = false;
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const done = new Promise<Result>((resolve) =>
    child.on('close', (code, signal) => {
      exited = true;
      resolve({ code, signal, stdout, stderr });
    }),
  );
  const proc: Proc = { pid: child.pid!, done, exited: () => exited, stdout: () => stdout, write: (line) => child.stdin.write(`${line}\n`), kill: (s) => child.kill(s) };
  started.push(proc);
  return proc;
}

const ingest = (file: string, opts: { dataDir: string; namespace?: boolean }) => run(['--import', 'tsx', 'scripts/ingest.ts', '--json', file], opts);

/** Node code run as an ES module with TypeScript imports from the project. */
const script = (code: string) => ['--conditions=react-server', '--import', 'tsx', '--input-type=module', '-e', code];
const moduleUrl = (file: string) => JSON.stringify(pathToFileURL(path.join(ROOT, file)).href);

/**
 * The dashboard server's use of the folder: it opens it the way the web app does (openWebDb, as
 * getDb calls it on the first request) and keeps it, answering "count" on stdin with the number
 * of posts, as a page would read them.
 */
function server(dataDir: string, opts: { namespace?: boolean } = {}): Proc {
  return run(
    script(`
      const { openWebDb } = await import(${moduleUrl('lib/server/db.ts')});
      const db = await openWebDb({ SIDELINES_DATA_DIR: process.env.SIDELINES_DATA_DIR });
      console.log('serving');
      process.stdin.setEncoding('utf8');
      process.stdin.on('data', async () => {
        const { n } = await db.selectFrom('posts').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
        console.log('posts ' + n);
      });
    `),
    { dataDir, ...opts },
  );
}

async function until(what: string, ok: () => boolean, proc?: Proc, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (proc?.exited()) throw new Error(`the process ended before ${what}: ${(await proc.done).stderr}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** The lock file's text, read as a file (a probe of the lock itself could refuse an opener). */
const lockText = (dir: string) => fs.readFileSync(path.join(dir, LOCK_FILE), { encoding: 'utf8', flag: 'a+' }).trim();

/** A folder with an initialised embedded database in it, made from the suite's template. */
async function seededFolder(name: string): Promise<string> {
  const dir = path.join(tmp, name);
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = new PGlite({ dataDir: dir, loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) });
  await pg.waitReady;
  await pg.close();
  return dir;
}

/** A JSON Lines file of `n` corpus posts with ids of their own, so that every one is new. */
function corpusFile(name: string, n: number, seed: number): string {
  const rows: string[] = [];
  const seen = new Set<string>();
  for (const p of generateCorpus({ posts: n * 3, seed })) {
    if (seen.has(p.text)) continue;
    seen.add(p.text);
    rows.push(JSON.stringify({ id: seed * 1_000_000 + Number(p.id), date: p.date, channel: p.channel, lang: p.lang, text: p.text }));
    if (rows.length === n) break;
  }
  const file = path.join(tmp, name);
  fs.writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

interface FolderCheck {
  posts: number;
  events: number;
  /** Rows of any link table whose event or post is missing, and events reported by no post. */
  dangling: number;
  eventsWithoutPosts: number;
  duplicatePosts: number;
  /** Rows in which the rollup differs from a recount of the events. */
  rollupDiff: number;
  rollupRows: number;
}

/**
 * Opens the folder (no cleanup first: a lock left behind would fail here) and checks it. The
 * rollup is counted again from the events by refreshRollup, inside a transaction that is rolled
 * back, and compared row by row with what the runs left.
 */
async function checkFolder(dataDir: string): Promise<FolderCheck> {
  const db = await createDb({ dataDir });
  try {
    const { rows } = await sql<Omit<FolderCheck, 'rollupDiff' | 'rollupRows'>>`
      select (select count(*) from posts)::int as posts,
             (select count(*) from events)::int as events,
             ((select count(*) from event_posts ep where not exists (select 1 from posts p where p.id = ep.post_id)
                                                     or not exists (select 1 from events e where e.id = ep.event_id))
              + (select count(*) from event_countries x where not exists (select 1 from events e where e.id = x.event_id))
              + (select count(*) from event_organizations x where not exists (select 1 from events e where e.id = x.event_id))
              + (select count(*) from event_topics x where not exists (select 1 from events e where e.id = x.event_id))
              + (select count(*) from event_people x where not exists (select 1 from events e where e.id = x.event_id)))::int as dangling,
             (select count(*) from events e where not exists (select 1 from event_posts ep where ep.event_id = e.id))::int as "eventsWithoutPosts",
             (select count(*) from (select channel_id, external_id from posts where external_id is not null
                                    group by 1, 2 having count(*) > 1) d)::int as "duplicatePosts"`.execute(db);
    const rollup = (q: Kysely<Database>) =>
      sql<{ r: string }>`select concat_ws('|', span, month, tset, facet, dim, code, n) as r from rollup_monthly order by 1`.execute(q).then((x) => x.rows.map((row) => row.r));
    const kept = await rollup(db);
    let recounted: string[] = [];
    const rollback = new Error('rolled back');
    await db
      .transaction()
      .execute(async (trx) => {
        await refreshRollup(trx, null);
        recounted = await rollup(trx);
        throw rollback;
      })
      .catch((err: unknown) => {
        if (err !== rollback) throw err;
      });
    const a = new Set(kept);
    const b = new Set(recounted);
    const rollupDiff = kept.filter((r) => !b.has(r)).length + recounted.filter((r) => !a.has(r)).length;
    return { ...rows[0]!, rollupDiff, rollupRows: kept.length };
  } finally {
    await db.destroy();
  }
}

/** Why processes cannot be put in pid namespaces of their own here, or null when they can. */
function noNamespaces(): string | null {
  if (process.getuid?.() !== 0) return 'pid namespaces need root (unshare --pid)';
  const r = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true'], { encoding: 'utf8' });
  if (r.error) return `unshare (util-linux) cannot run: ${r.error.message}`;
  if (r.status !== 0) return `unshare --pid fails here: ${r.stderr.trim()}`;
  return null;
}

/** Skips with the reason outside CI; CI runs as root and must run these. */
function needNamespaces(ctx: TestContext): void {
  const reason = noNamespaces();
  if (!reason) return;
  if (process.env.CI) throw new Error(`CI must run the pid namespace tests, but: ${reason}`);
  ctx.skip(reason);
}

describe('the data folder lock, within one process', () => {
  test('one holder at a time; given back on release, with the file left in place and no pid in it', () => {
    const dir = path.join(tmp, 'unit');
    fs.mkdirSync(dir);
    const first = lockDataDir(dir);
    expect(lockText(dir)).toBe(String(process.pid));
    expect(folderLockHolder(dir)).toEqual({ held: true, pid: process.pid });
    expect(() => lockDataDir(dir)).toThrow(`the data folder ${dir} is already open in this process: close that database first`);
    first.release();
    first.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(true);
    expect(folderLockHolder(dir)).toEqual({ held: false, pid: null });
    const second = lockDataDir(dir);
    second.release();
  });

  test('a folder is named as the user wrote it: relative to the working directory when inside it', () => {
    const dir = fs.mkdtempSync(path.join(ROOT, '.lock-test-'));
    try {
      const held = lockDataDir(dir);
      try {
        expect(() => lockDataDir(dir)).toThrow(`the data folder ${path.basename(dir)} is already open`);
      } finally {
        held.release();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// With DATABASE_URL the suite has no embedded template to seed folders from, and the folder is
// the same thing on either run: these run on the embedded run (CI runs both).
const embedded = !process.env.DATABASE_URL;

describe.runIf(embedded)('the data folder lock between processes', () => {
  test('another process holds it: refused with its pid; killed with SIGKILL, it leaves nothing to clean', async () => {
    const dir = path.join(tmp, 'pair');
    fs.mkdirSync(dir);
    const holder = run(script(`const { lockDataDir } = await import(${moduleUrl('db/lock.ts')}); lockDataDir(process.env.SIDELINES_DATA_DIR); console.log('held'); setInterval(() => {}, 1000);`), { dataDir: dir });
    await until('the lock is held', () => holder.stdout().includes('held'), holder);
    expect(() => lockDataDir(dir)).toThrow(inUse(dir, holder.pid));
    holder.kill('SIGKILL');
    expect((await holder.done).signal).toBe('SIGKILL');
    // The dead holder's pid is still in the file; the kernel has dropped its lock all the same.
    expect(lockText(dir)).toBe(String(holder.pid));
    const next = lockDataDir(dir);
    expect(lockText(dir)).toBe(String(process.pid));
    next.release();
  });

  test('a database killed with SIGKILL in the middle of its writes: the next process opens the folder as it is', async () => {
    const dir = await seededFolder('killed');
    const writer = run(
      script(`
        const { createDb, migrateToLatest } = await import(${moduleUrl('db/index.ts')});
        const db = await createDb({ dataDir: process.env.SIDELINES_DATA_DIR });
        await migrateToLatest(db);
        for (let i = 0; ; i++) {
          await db.insertInto('channels').values({ handle: 'c' + i }).execute();
          console.log('committed ' + i);
        }
      `),
      { dataDir: dir },
    );
    await until('writes are committed', () => /committed 20\b/.test(writer.stdout()), writer);
    writer.kill('SIGKILL');
    await writer.done;
    const committed = Math.max(...[...writer.stdout().matchAll(/committed (\d+)/g)].map((m) => Number(m[1])));
    expect(lockText(dir)).toBe(String(writer.pid));
    const db = await createDb({ dataDir: dir });
    try {
      await migrateToLatest(db);
      const { n } = await db.selectFrom('channels').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      // Every write it reported was kept (a write in flight may or may not be).
      expect(Number(n)).toBeGreaterThanOrEqual(committed + 1);
    } finally {
      await db.destroy();
    }
    expect(folderLockHolder(dir)).toEqual({ held: false, pid: null });
  });
});

describe.runIf(embedded)('the data folder lock across pid namespaces (two containers on one volume)', () => {
  test('two ingests, each pid 1 of its namespace: one writes, the other is refused naming it; the folder holds one run', async (ctx) => {
    needNamespaces(ctx);
    const dir = await seededFolder('two-writers');
    const N = 3_000;
    const first = corpusFile('first.jsonl', N, 31);
    const second = corpusFile('second.jsonl', 200, 32);
    const a = ingest(first, { dataDir: dir, namespace: true });
    // It holds the folder once its pid is in the file (written just after the lock is taken).
    await until('the first ingest holds the folder', () => lockText(dir) !== '', a);
    expect(lockText(dir)).toBe('1');
    const b = await ingest(second, { dataDir: dir, namespace: true }).done;
    // The refusal came while the first was still writing, not after it had finished.
    expect(a.exited()).toBe(false);
    expect(b.code).toBe(1);
    expect(b.stdout).toBe('');
    expect(b.stderr.trim().split('\n')).toEqual([`ingest: ${inUse(dir, 1)}`]);
    const ra = await a.done;
    expect(ra.code, ra.stderr).toBe(0);
    expect(JSON.parse(ra.stdout)).toMatchObject({ postsRead: N, postsNew: N });
    const check = await checkFolder(dir);
    expect(check).toMatchObject({ posts: N, dangling: 0, eventsWithoutPosts: 0, duplicatePosts: 0, rollupDiff: 0 });
    expect(check.events).toBeGreaterThan(0);
    expect(check.rollupRows).toBeGreaterThan(0);
  }, 180_000);

  test('a server and an ingest: the ingest is refused and, exiting, leaves the server its lock; killed, the server leaves none', async (ctx) => {
    needNamespaces(ctx);
    const dir = await seededFolder('server-and-ingest');
    const srv = server(dir, { namespace: true });
    await until('the server has opened the folder', () => srv.stdout().includes('serving'), srv);
    const file = corpusFile('after-server.jsonl', 300, 33);

    for (let i = 0; i < 2; i++) {
      const r = await ingest(file, { dataDir: dir, namespace: true }).done;
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toEqual([`ingest: ${inUse(dir, 1)}`]);
      // The refused run took nothing and removed nothing: the server still holds the folder.
      expect(folderLockHolder(dir)).toEqual({ held: true, pid: 1 });
      srv.write('count');
      await until('the server answers', () => (srv.stdout().match(/^posts 0$/gm) ?? []).length === i + 1, srv);
    }
    // Killing unshare kills the server with it (--kill-child): no close, no exit hook runs.
    srv.kill('SIGKILL');
    await srv.done;
    expect(lockText(dir)).toBe('1');
    const r = await ingest(file, { dataDir: dir, namespace: true }).done;
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ postsRead: 300, postsNew: 300 });
    const check = await checkFolder(dir);
    expect(check).toMatchObject({ posts: 300, dangling: 0, eventsWithoutPosts: 0, duplicatePosts: 0, rollupDiff: 0 });
  }, 180_000);
});
