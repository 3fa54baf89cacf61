// Opens the one database of this process: an embedded PGlite by default, a PostgreSQL server
// when DATABASE_URL is set. Every other module goes through Kysely<Database> and never knows which.
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, Migrator, PostgresDialect, sql, type MigrationResultSet } from 'kysely';
import type { Database } from './types';
import { migrationProvider } from './migrations';
import { refreshRollup } from './rollup-refresh';
import { FolderLockError, lockDataDir } from './lock';

type PGliteInstance = import('@electric-sql/pglite').PGlite;

export type { Database } from './types';

export interface DbConfig {
  /** postgres://... : use a server through pg; otherwise the embedded database. */
  url?: string;
  /** Folder of the embedded database. */
  dataDir?: string;
  /** Load the embedded database from a dump (a tar blob made by PGlite's dumpDataDir). */
  loadDataDir?: Blob;
  /** Pool size on a server. */
  poolMax?: number;
  /** Sessions refuse to write (the web tier's connections). */
  readOnly?: boolean;
  /**
   * Run the embedded database in a worker thread (db/pglite-thread.ts), so that its queries never
   * hold up this thread: the web server's choice. Commands run it in their own thread.
   */
  thread?: boolean;
}

export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

/**
 * The database named by the environment. On a server, DATABASE_URL is what the web app reads
 * through (a read-only role, ideally) and DATABASE_URL_WRITE, when set, what migrations and
 * ingest write through (the owner); `purpose` picks one.
 */
export function configFromEnv(env: Record<string, string | undefined> = process.env, purpose: 'read' | 'write' = 'write'): DbConfig {
  const readUrl = env.DATABASE_URL?.trim();
  const writeUrl = env.DATABASE_URL_WRITE?.trim();
  if (writeUrl && !readUrl) throw new DatabaseError('DATABASE_URL_WRITE is set but DATABASE_URL is not: set both, or DATABASE_URL alone');
  const url = purpose === 'write' ? writeUrl || readUrl : readUrl;
  if (url) {
    const name = purpose === 'write' && writeUrl ? 'DATABASE_URL_WRITE' : 'DATABASE_URL';
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new DatabaseError(`${name} must start with postgres:// (got "${url.slice(0, 40)}")`);
    }
    return { url };
  }
  // The folder is the user's choice at run time, not a file of the build to trace.
  return { dataDir: path.resolve(/*turbopackIgnore: true*/ env.SIDELINES_DATA_DIR?.trim() || '.data') };
}

export function describeConfig(config: DbConfig): string {
  if (config.url) {
    const u = new URL(config.url);
    return `PostgreSQL ${u.host}${u.pathname}`;
  }
  return config.dataDir ? `embedded PostgreSQL in ${config.dataDir}` : 'embedded PostgreSQL in memory';
}

export async function createDb(config: DbConfig): Promise<Kysely<Database>> {
  if (config.url) return new Kysely<Database>({ dialect: await serverDialect(config) });
  const db = new Kysely<Database>({ dialect: await embeddedDialect(config) });
  // Kysely starts its driver on the first query and closes only a started one: without this, a
  // database destroyed before any query would keep PGlite, and the folder's lock, until exit.
  await sql`select 1`.execute(db);
  return db;
}

async function serverDialect(config: DbConfig): Promise<PostgresDialect> {
  const pg = await import('pg');
  // Dates stay YYYY-MM-DD text and counts come back as numbers, as they do on PGlite.
  pg.default.types.setTypeParser(1082, (v: string) => v);
  pg.default.types.setTypeParser(20, (v: string) => Number(v));
  pg.default.types.setTypeParser(1700, (v: string) => Number(v));
  const pool = new pg.default.Pool({
    connectionString: config.url,
    options: [planOptions(config.url!), config.readOnly ? '-c default_transaction_read_only=on' : undefined].filter(Boolean).join(' ') || undefined,
    max: config.poolMax ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return new PostgresDialect({ pool });
}

/**
 * Planner settings for each session, unless the URL or PGOPTIONS gives its own: the dashboard's
 * reads are many small index lookups on SSD-backed storage, where the default random_page_cost
 * (4, tuned for spinning disks) makes the planner scan whole tables instead; and on a small server
 * answering many requests at once, parallel workers for short queries cost more than they save.
 */
export const PLAN_OPTIONS = '-c random_page_cost=1.1 -c max_parallel_workers_per_gather=0';

/** Migrations this database has not run yet (all of them on an empty one); reads only. */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const all = Object.keys(await migrationProvider.getMigrations());
  const { rows } = await sql<{ exists: boolean }>`select to_regclass('kysely_migration') is not null as exists`.execute(db);
  if (!rows[0]?.exists) return all;
  const done = new Set((await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name));
  return all.filter((m) => !done.has(m));
}

function planOptions(url: string): string | undefined {
  if (process.env.PGOPTIONS || new URL(url).searchParams.has('options')) return undefined;
  return PLAN_OPTIONS;
}

async function embeddedDialect(config: DbConfig) {
  const [{ PGlite, types }, { PGliteDialect }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('kysely-pglite-dialect'),
  ]);
  let release = () => {};
  if (config.dataDir && !config.loadDataDir) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    // Taken before PGlite touches a file of the folder, and given back only once it has closed.
    try {
      release = lockDataDir(config.dataDir).release;
    } catch (err) {
      if (err instanceof FolderLockError) throw new DatabaseError(err.message, { cause: err });
      throw err;
    }
  }
  let pglite: { close(): Promise<void>; query: PGliteInstance['query'] };
  try {
    if (config.thread) {
      const { PGliteThread } = await import('./pglite-thread');
      pglite = (await PGliteThread.open({ dataDir: config.loadDataDir ? undefined : config.dataDir, loadDataDir: config.loadDataDir })) as unknown as typeof pglite;
    } else {
      const inThread = new PGlite({
        dataDir: config.loadDataDir ? undefined : config.dataDir,
        loadDataDir: config.loadDataDir,
        parsers: { [types.DATE]: (v: string) => v, [types.INT8]: (v: string) => Number(v) },
      });
      await inThread.waitReady;
      pglite = inThread;
    }
  } catch (cause) {
    release();
    throw new DatabaseError(`cannot open the embedded database in ${config.dataDir}: ${String(cause)}`, { cause });
  }
  const close = pglite.close.bind(pglite);
  pglite.close = async () => {
    try {
      await close();
    } finally {
      release();
    }
  };
  return new PGliteDialect(pglite as PGliteInstance);
}

export function migrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider: migrationProvider });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  const result = await migrator(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new DatabaseError(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(result.error)}`, {
      cause: result.error,
    });
  }
  // A migration that reshapes the rollup empties it (migrations do not import app code); it is
  // counted again here from the events.
  if (result.results?.some((r) => r.status === 'Success')) {
    const { rows } = await sql<{ stale: boolean }>`
      select exists (select 1 from events) and not exists (select 1 from rollup_monthly) as stale`.execute(db);
    if (rows[0]?.stale) await refreshRollup(db, null);
  }
  return result;
}
