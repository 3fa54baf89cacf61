// The write lock of a database: one ingest or reparse writes at a time. A run waits for the
// run before it, but not forever: a session that holds the lock and never lets go (a stuck
// client, a role that should not have it) ends the wait with a message instead of a silent hang.
import { sql, type Transaction } from 'kysely';
import type { Database } from '@/db/types';

/** Serialises writers: two ingests of the same files must not both see a post as new. */
const INGEST_LOCK = 0x5_1de_11e5;
/** How long a run waits for the lock; SIDELINES_LOCK_TIMEOUT_MS overrides it. */
export const DEFAULT_LOCK_WAIT_MS = 15 * 60_000;

export class WriteLockTimeout extends Error {
  constructor(waitedMs: number) {
    super(`another ingest or reparse has held the write lock on this database for over ${Math.round(waitedMs / 1000)} s; retry when it has finished`);
    this.name = 'WriteLockTimeout';
  }
}

function waitMs(): number {
  const raw = Number(process.env.SIDELINES_LOCK_TIMEOUT_MS);
  return Number.isFinite(raw) && raw > 0 ? Math.floor(raw) : DEFAULT_LOCK_WAIT_MS;
}

/** Takes the write lock for the transaction, waiting at most the lock timeout. */
export async function takeWriteLock(trx: Transaction<Database>): Promise<void> {
  const ms = waitMs();
  // lock_timeout bounds the advisory lock's wait too; SET LOCAL keeps it to this transaction.
  await sql`select set_config('lock_timeout', ${`${ms}ms`}, true)`.execute(trx);
  try {
    await sql`select pg_advisory_xact_lock(${INGEST_LOCK})`.execute(trx);
  } catch (err) {
    if ((err as { code?: unknown }).code === '55P03') throw new WriteLockTimeout(ms);
    throw err;
  } finally {
    await sql`select set_config('lock_timeout', '0', true)`.execute(trx).catch(() => undefined);
  }
}
