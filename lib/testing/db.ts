// Gives each test file a database of its own: on the embedded Postgres by default, on the
// server named by DATABASE_URL when it is set (a new database there, dropped afterwards).
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import { createDb, migrateToLatest, type Database } from '@/db';

export interface TestDb {
  db: Kysely<Database>;
  /** Which kind of database the test runs on, for test names. */
  kind: 'embedded' | 'server';
  close(): Promise<void>;
}

export const dbKind: TestDb['kind'] = process.env.DATABASE_URL ? 'server' : 'embedded';

export async function freshDb(opts: { migrate?: boolean } = {}): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  let testDb: TestDb;
  if (url) {
    const name = `sidelines_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    await adminQuery(url, `create database ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const db = await createDb({ url: u.toString(), poolMax: 4 });
    testDb = {
      db,
      kind: 'server',
      async close() {
        await db.destroy();
        await adminQuery(url, `drop database if exists ${name} with (force)`);
      },
    };
  } else {
    const blob = new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
    const db = await createDb({ loadDataDir: blob });
    testDb = { db, kind: 'embedded', close: () => db.destroy() };
  }
  if (opts.migrate !== false) await migrateToLatest(testDb.db);
  return testDb;
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const pg = await import('pg');
  const client = new pg.default.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

