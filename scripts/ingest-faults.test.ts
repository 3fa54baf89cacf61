// Faults during the ingest command, tried for real: the process killed with SIGKILL half way
// through its transaction, two runs of one file at once, and the embedded database folder held
// by another live process. None may leave half a run behind or need a hand to clean up.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { beforeAll, describe, expect, test } from 'vitest';
import { createDb, type Database } from '@/db';
import { generateCorpus } from '@/scripts/bench/corpus';
import { dbKind } from '@/scripts/testing/db';
import { commandEnv } from '@/scripts/testing/command-env';

const ROOT = process.cwd();
const SAMPLE = path.join(ROOT, 'data/sample/mfa-2023-09-19-21.txt');
const embedded = dbKind === 'embedded';

interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface Run {
  pid: number;
  done: Promise<Result>;
  kill(): void;
}

interface Counts {
  posts: number;
  events: number;
  links: number;
  texts: string;
}

const written = new Set<string>();

/** A JSON Lines file of `n` corpus posts, no text or id seen before (so each one is new). */
function corpusFile(file: string, n: number, seed: number): string {
  const rows: string[] = [];
  for (const p of generateCorpus({ posts: n * 3, seed })) {
    const key = p.text.replace(/\s+/g, ' ').trim();
    if (written.has(key)) continue;
    written.add(key);
    rows.push(JSON.stringify({ id: seed * 1_000_000 + Number(p.id), date: p.date, channel: p.channel, lang: p.lang, text: p.text }));
    if (rows.length === n) break;
  }
  fs.writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

/** Bytes of every file under a folder. */
function folderBytes(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    // A file can go between listing and stat: the write-ahead log recycles its segments.
    if (e.isDirectory()) n += folderBytes(p);
    else if (e.isFile()) n += fs.statSync(p, { throwIfNoEntry: false })?.size ?? 0;
  }
  return n;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`faults during npm run ingest, on the ${dbKind} database`, () => {
  const cli = commandEnv('faults', { seed: true });

  beforeAll(async () => {
    const r = await start(SAMPLE, '--channel', 'MID_Russia').done;
    expect(r.code, r.stderr).toBe(0);
  });

  /** The command in a process of its own (node itself, so that a kill reaches the process that writes). */
  function start(...args: string[]): Run {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', ...args], { env: cli.env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const done = new Promise<Result>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
    return { pid: child.pid!, done, kill: () => child.kill('SIGKILL') };
  }

  async function withDb<T>(f: (db: Kysely<Database>) => Promise<T>, dir = cli.dataDir): Promise<T> {
    const db = await cli.open(dir);
    try {
      return await f(db);
    } finally {
      await db.destroy();
    }
  }

  const counts = (dir = cli.dataDir): Promise<Counts> =>
    withDb(async (db) => {
      const { rows } = await sql<Counts>`
        select (select count(*) from posts)::int as posts, (select count(*) from events)::int as events,
               (select count(*) from event_posts)::int as links,
               (select md5(string_agg(text, '|' order by id)) from posts) as texts`.execute(db);
      return rows[0]!;
    }, dir);

  /**
   * Resolves once the run's transaction is writing rows, which nobody can see before it commits:
   * on a server the posts table grows on disk; the embedded database's folder grows as its
   * write-ahead log fills.
   */
  async function writing(run: Run): Promise<void> {
    let exited = false;
    void run.done.then(() => (exited = true));
    if (cli.env.DATABASE_URL) {
      const size = () => withDb(async (db) => Number((await sql<{ n: string }>`select pg_relation_size('posts') as n`.execute(db)).rows[0]!.n));
      const base = await size();
      while (!exited && (await size()) < base + 512 * 1024) await sleep(50);
    } else {
      const base = folderBytes(cli.dataDir);
      while (!exited && folderBytes(cli.dataDir) < base + 6 * 1024 * 1024) await sleep(50);
    }
    if (exited) throw new Error(`the run ended before it was seen writing: ${(await run.done).stderr}`);
  }

  test('killed with SIGKILL half way: nothing of the run is stored, and a re-run stores it all', async () => {
    const N = 2_000;
    const file = corpusFile(path.join(cli.tmp, 'kill.jsonl'), N, 21);
    const before = await counts();

    const run = start(file);
    await writing(run);
    run.kill();
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stdout).toBe('');

    if (embedded) {
      // The killed process's pid is still in the lock file (the kernel dropped its lock); the
      // folder is looked at through a copy, so that the re-run is the first to open it again.
      expect(fs.readFileSync(path.join(cli.dataDir, 'sidelines.lock'), 'utf8').trim()).toBe(String(run.pid));
      const copy = path.join(cli.tmp, 'db-after-kill');
      fs.cpSync(cli.dataDir, copy, { recursive: true });
      expect(await counts(copy)).toEqual(before);
      fs.rmSync(copy, { recursive: true, force: true });
    } else {
      expect(await counts()).toEqual(before);
    }

    const again = await start('--json', file).done;
    expect(again.code, again.stderr).toBe(0);
    // Every post is new to the re-run: the killed run left none behind.
    expect(JSON.parse(again.stdout)).toMatchObject({ postsRead: N, postsNew: N, postsExisting: 0 });
    const after = await counts();
    expect(after.posts).toBe(before.posts + N);
    expect(after.events).toBeGreaterThan(before.events);
    // The lock file stays, with no holder named in it once the re-run has closed the folder.
    if (embedded) expect(fs.readFileSync(path.join(cli.dataDir, 'sidelines.lock'), 'utf8')).toBe('');
  });

  test.runIf(!embedded)('two runs of one file at once on a server: the lock makes them take turns; no duplicates, no deadlock', async () => {
    const N = 3_000;
    const file = corpusFile(path.join(cli.tmp, 'twice.jsonl'), N, 22);
    const before = await counts();
    const runs = [start('--json', file), start('--json', file)];
    // One run waits for the other's advisory lock while it writes.
    let waited = false;
    let finished = false;
    void Promise.all(runs.map((r) => r.done)).then(() => (finished = true));
    while (!finished && !waited) {
      waited = await withDb(async (db) => {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from pg_locks l join pg_database d on d.oid = l.database
          where l.locktype = 'advisory' and not l.granted and d.datname = current_database()`.execute(db);
        return rows[0]!.n > 0;
      });
      await sleep(50);
    }
    const results = await Promise.all(runs.map((r) => r.done));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    expect(waited).toBe(true);
    const summaries = results.map((r) => JSON.parse(r.stdout)).sort((a, b) => b.postsNew - a.postsNew);
    expect(summaries[0]).toMatchObject({ postsRead: N, postsNew: N });
    expect(summaries[1]).toMatchObject({ postsRead: N, postsNew: 0, postsExisting: N, eventsCreated: 0 });
    const after = await counts();
    expect(after.posts).toBe(before.posts + N);
    expect(after.events).toBe(before.events + summaries[0].eventsCreated);
    await withDb(async (db) => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from (select channel_id, external_id from posts where external_id is not null group by 1, 2 having count(*) > 1) d`.execute(db);
      expect(rows[0]!.n).toBe(0);
    });
  });

  test.runIf(embedded)('two runs of one file at once on the embedded database: one stores it, the other says the folder is in use', async () => {
    const N = 500;
    const file = corpusFile(path.join(cli.tmp, 'twice.jsonl'), N, 22);
    const before = await counts();
    const runs = [start('--json', file), start('--json', file)];
    const results = await Promise.all(runs.map((r) => r.done));
    const ok = results.findIndex((r) => r.code === 0);
    expect(ok, results.map((r) => r.stderr).join('\n')).toBeGreaterThanOrEqual(0);
    const other = results[1 - ok]!;
    expect(other.code).toBe(1);
    expect(other.stderr.trim().split('\n')).toEqual([
      `ingest: the data folder ${cli.dataDir} is in use by another Sidelines process (pid ${runs[ok]!.pid} in its namespace): stop it or use DATABASE_URL`,
    ]);
    expect(JSON.parse(results[ok]!.stdout)).toMatchObject({ postsRead: N, postsNew: N });
    expect((await counts()).posts).toBe(before.posts + N);
  });

  test.runIf(embedded)('the embedded folder held by another live process: one clear line, nothing written; a lock file no process holds is no obstacle', async () => {
    const before = await counts();
    const hooks = process.listenerCount('exit');
    const db = await createDb({ dataDir: cli.dataDir });
    try {
      // In use, as a dashboard server uses it.
      await sql`select count(*) from posts`.execute(db);
      const r = await start(SAMPLE).done;
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toEqual([
        `ingest: the data folder ${cli.dataDir} is in use by another Sidelines process (pid ${process.pid} in its namespace): stop it or use DATABASE_URL`,
      ]);
      expect(r.stdout).toBe('');
    } finally {
      await db.destroy();
    }
    // A closed database leaves no exit hook behind that would remove a later owner's lock.
    expect(process.listenerCount('exit')).toBe(hooks);
    const lock = path.join(cli.dataDir, 'sidelines.lock');
    expect(fs.readFileSync(lock, 'utf8')).toBe('');

    // Only the kernel's lock counts: a file naming a live process (pid 1 here, as another
    // container's process would seem) that holds no lock is taken, and the folder is unchanged.
    fs.writeFileSync(lock, '1\n');
    expect(await counts()).toEqual(before);
  });
});
