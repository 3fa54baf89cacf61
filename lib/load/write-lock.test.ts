// A run waits for the write lock, but not forever, on the PostgreSQL server (the embedded
// database has one connection, so nobody else can hold it there).
import pg from 'pg';
import { expect, test } from 'vitest';
import { createDb, migrateToLatest } from '@/db';
import { serverDatabase } from '@/scripts/testing/db';
import { storeBatches } from './store';

const url = process.env.DATABASE_URL;

test.skipIf(!url)('a lock held by another session ends the wait with a message, and nothing is written', async () => {
  const server = await serverDatabase(url as string, 'sidelines_test');
  const db = await createDb({ url: server.url, poolMax: 2 });
  const holder = new pg.Client({ connectionString: server.url });
  const before = process.env.SIDELINES_LOCK_TIMEOUT_MS;
  try {
    await migrateToLatest(db);
    await holder.connect();
    await holder.query('begin');
    await holder.query('select pg_advisory_xact_lock($1)', [0x5_1de_11e5]);
    process.env.SIDELINES_LOCK_TIMEOUT_MS = '400';
    const post = { channel: 'MID_Russia', externalId: '9001', postedAt: new Date('2024-05-15T09:00:00Z'), lang: null, text: 'С.В.Лавров провёл переговоры с Министром иностранных дел Иордании А.Сафади.', url: null, seq: 0 };
    await expect(storeBatches(db, [[post]])).rejects.toThrow(/another ingest or reparse has held the write lock/);
    const n = await db.selectFrom('posts').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
    // Let go, and the next run goes through.
    await holder.query('rollback');
    await storeBatches(db, [[post]]);
    const m = await db.selectFrom('posts').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(m.n)).toBe(1);
  } finally {
    if (before === undefined) delete process.env.SIDELINES_LOCK_TIMEOUT_MS;
    else process.env.SIDELINES_LOCK_TIMEOUT_MS = before;
    await holder.end().catch(() => undefined);
    await db.destroy();
    await server.drop();
  }
});
