// The embedded database in a worker thread, as the web server opens it: the same answers and
// errors as in the caller's thread, the folder's lock held and given back, and the caller's
// thread free while a query runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { openWebDb } from '@/lib/server/db';
import { classifyDbError } from '@/db/errors';
import { createDb, DatabaseError, migrateToLatest, type Database } from './index';
import { folderLockHolder } from './lock';
import { PGliteThread } from './pglite-thread';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidelines-thread-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const template = () => new Blob([fs.readFileSync(inject('pgliteTemplate'))]);

/** How many 10 ms timer ticks this thread gets while `work` runs. */
async function ticksDuring(work: () => Promise<unknown>): Promise<number> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return ticks;
}

const slowQuery = (db: Kysely<Database>) => sql`select pg_sleep(0.6)`.execute(db);

describe('the embedded database in a thread of its own', () => {
  test('answers as in this thread: rows with dates as text and counts as numbers, transactions, affected rows', async () => {
    const db = await createDb({ loadDataDir: template(), thread: true });
    try {
      await migrateToLatest(db);
      const { rows } = await sql<{ d: string; n: number; t: Date; a: number[]; j: { x: number } }>`
        select date '2023-09-20' as d, count(*)::int8 as n, timestamptz '2023-09-20 10:00:00+03' as t, array[1, 2] as a, '{"x": 1}'::jsonb as j
      `.execute(db);
      expect(rows[0]).toEqual({ d: '2023-09-20', n: 1, t: new Date('2023-09-20T07:00:00Z'), a: [1, 2], j: { x: 1 } });
      await sql`create table t (x int primary key)`.execute(db);
      await expect(
        db.transaction().execute(async (tx) => {
          await sql`insert into t values (1), (2)`.execute(tx);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect((await sql<{ n: number }>`select count(*) as n from t`.execute(db)).rows[0]!.n).toBe(0);
      const ins = await sql`insert into t values (1), (2), (3)`.execute(db);
      expect(ins.numAffectedRows).toBe(3n);
    } finally {
      await db.destroy();
    }
  }, 60_000);

  test("PostgreSQL's errors keep their code and severity across the thread", async () => {
    const db = await createDb({ loadDataDir: template(), thread: true });
    try {
      await sql`create table t (x int primary key)`.execute(db);
      await sql`insert into t values (1)`.execute(db);
      const err = await sql`insert into t values (1)`.execute(db).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(err).toMatchObject({ code: '23505', severity: 'ERROR', message: expect.stringMatching(/duplicate key/) });
      // The database goes on after an error.
      expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows[0]!.one).toBe(1);
    } finally {
      await db.destroy();
    }
  }, 60_000);

  test("holds the folder's lock while open and gives it back on close", async () => {
    const db = await createDb({ dataDir: dir, thread: true });
    expect(folderLockHolder(dir)).toEqual({ held: true, pid: process.pid });
    await expect(createDb({ dataDir: dir })).rejects.toThrow(DatabaseError);
    await db.destroy();
    expect(folderLockHolder(dir)).toEqual({ held: false, pid: null });
    // What the thread wrote is there for the next one to open, in this thread.
    const again = await createDb({ dataDir: dir });
    try {
      expect((await sql<{ one: number }>`select 1 as one`.execute(again)).rows[0]!.one).toBe(1);
    } finally {
      await again.destroy();
    }
  }, 60_000);

  test('a thread that dies fails what was waiting on it as an outage (a 503), not a hang', async () => {
    const t = await PGliteThread.open({ loadDataDir: template() });
    const pending = t.query('select pg_sleep(5)');
    // Ended under the running query, as an out-of-memory abort of the thread would end it.
    await (t as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    const err = await pending.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^PGlite is closed: the embedded database's thread exited/);
    expect(classifyDbError(err)).toBe('unreachable');
    // And so is every later query, at once.
    await expect(t.query('select 1')).rejects.toThrow(/PGlite is closed/);
  }, 60_000);

  test("this thread runs on while a query runs in the database's (in this thread, it would not)", async () => {
    const inThread = await createDb({ loadDataDir: template() });
    const threaded = await createDb({ loadDataDir: template(), thread: true });
    try {
      const blocked = await ticksDuring(() => slowQuery(inThread));
      const free = await ticksDuring(() => slowQuery(threaded));
      expect(blocked).toBeLessThan(5);
      expect(free).toBeGreaterThan(20);
    } finally {
      await Promise.all([inThread.destroy(), threaded.destroy()]);
    }
  }, 60_000);

  test("the web app's embedded database is the threaded one", async () => {
    const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidelines-thread-web-'));
    const db = await openWebDb({ SIDELINES_DATA_DIR: webDir });
    try {
      expect(await ticksDuring(() => slowQuery(db))).toBeGreaterThan(20);
      // And read-only, as before.
      await expect(sql`create table x (y int)`.execute(db)).rejects.toThrow(/read-only/);
    } finally {
      await db.destroy();
      fs.rmSync(webDir, { recursive: true, force: true });
    }
  }, 120_000);
});
