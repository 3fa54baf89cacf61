import 'server-only';
// The process-wide database for the web app: opened and migrated once, on first use.
import type { Kysely } from 'kysely';
import { configFromEnv, createDb, migrateToLatest, type Database } from '@/db';

const globalForDb = globalThis as unknown as { sidelinesDb?: Promise<Kysely<Database>> };

export function getDb(): Promise<Kysely<Database>> {
  if (!globalForDb.sidelinesDb) {
    globalForDb.sidelinesDb = (async () => {
      const db = await createDb(configFromEnv());
      await migrateToLatest(db);
      return db;
    })();
    // A failed open is not cached: the next request tries again (the server may be back).
    globalForDb.sidelinesDb.catch(() => {
      globalForDb.sidelinesDb = undefined;
    });
  }
  return globalForDb.sidelinesDb;
}

/** Makes `db` the process-wide database: for tests, and for scripts that opened it themselves. */
export function setDb(db: Kysely<Database>): void {
  globalForDb.sidelinesDb = Promise.resolve(db);
}
