// Gives each test file a database of its own: on the embedded Postgres by default, on the
// server named by DATABASE_URL when it is set (a new database there, dropped afterwards).
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import { createDb, migrateToLatest, type Database } from '@/db';
import { serverDatabase } from './server-db';

export { serverDatabase };

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
    const server = await serverDatabase(url, 'sidelines_test');
    const db = await createDb({ url: server.url, poolMax: 4 });
    testDb = {
      db,
      kind: 'server',
      async close() {
        await db.destroy();
        await server.drop();
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
