import 'server-only';
// The process-wide database for the web app: opened and migrated once, on first use. The web
// app only reads: its sessions refuse writes whatever role they connect as, and on a server it
// connects with DATABASE_URL (a read-only role) while pending migrations go through
// DATABASE_URL_WRITE (the owner).
import { sql, type Kysely } from 'kysely';
import { configFromEnv, createDb, migrateToLatest, pendingMigrations, type Database } from '@/db';
import { forgetAnswers } from '@/lib/server/memo';

const globalForDb = globalThis as unknown as { sidelinesDb?: Promise<Kysely<Database>> };

/** Opens the web app's read-only database, migrating it first through the writer if needed. */
export async function openWebDb(env: Record<string, string | undefined> = process.env): Promise<Kysely<Database>> {
  const read = configFromEnv(env, 'read');
  if (!read.url) {
    // One embedded database per process, in a thread of its own so that its queries never hold up
    // the server's: migrate it, then make its one session read-only.
    const db = await createDb({ ...read, thread: true });
    try {
      await migrateToLatest(db);
      await sql`set default_transaction_read_only = on`.execute(db);
    } catch (err) {
      await db.destroy();
      throw err;
    }
    return db;
  }
  const db = await createDb({ ...read, readOnly: true });
  try {
    if ((await pendingMigrations(db)).length) {
      const writer = await createDb({ ...configFromEnv(env, 'write'), poolMax: 1 });
      try {
        await migrateToLatest(writer);
      } finally {
        await writer.destroy();
      }
    }
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return db;
}

export function getDb(): Promise<Kysely<Database>> {
  if (!globalForDb.sidelinesDb) {
    globalForDb.sidelinesDb = openWebDb();
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
  // What was kept was read from the other database, whose versions are not this one's.
  forgetAnswers();
}
