// The web app's read-only role on a server: it may connect to this one database and read every
// table, now and in tables later migrations create, and nothing else. In particular it cannot
// make temporary tables, and cannot take advisory locks: holding the ingest's write lock (or the
// migrations' lock) it could stop every ingest and migration for as long as it liked.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './types';

/** Every function that takes an advisory lock, in both key forms; the unlocks are harmless. */
export const ADVISORY_LOCK_FUNCTIONS = ['', '_shared'].flatMap((shared) =>
  ['pg_advisory', 'pg_try_advisory', 'pg_advisory_xact', 'pg_try_advisory_xact'].flatMap((f) => [`${f}_lock${shared}(bigint)`, `${f}_lock${shared}(integer, integer)`]),
);

export interface GrantResult {
  created: boolean;
  /**
   * Whether the role can take no advisory lock. Only a superuser can revoke them from PUBLIC
   * (they belong to the system catalog); the owner alone leaves them reachable.
   */
  advisoryLocksRevoked: boolean;
}

/** Creates `role` (LOGIN, no password: set one, or use the server's own authentication) if it is missing, and grants it reading. */
export async function grantReader(db: Kysely<Database>, role: string): Promise<GrantResult> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`role names are lower-case letters, digits and _ (got "${role.slice(0, 40)}")`);
  const exists = (await sql<{ n: number }>`select count(*)::int as n from pg_roles where rolname = ${role}`.execute(db)).rows[0]!.n > 0;
  const r = sql.id(role);
  return db.transaction().execute(async (trx) => {
    if (!exists) await sql`create role ${r} login`.execute(trx);
    const { rows } = await sql<{ name: string; owner: string; me: string; superuser: boolean; tables: string | null }>`
      select current_database() as name, pg_get_userbyid(d.datdba) as owner, current_user as me,
             (select rolsuper from pg_roles where rolname = current_user) as superuser,
             (select pg_get_userbyid(relowner) from pg_class where oid = to_regclass('public.events')) as tables
      from pg_database d where d.datname = current_database()`.execute(trx);
    // One row: the database this session is in.
    const here = rows[0]!;
    const database = sql.id(here.name);
    // The roles that write (migrations, ingest, reparse): the database's owner, the owner of the
    // tables, and whoever runs this. They keep what is taken from PUBLIC below.
    const writers = [...new Set([here.owner, here.tables, here.me].filter((w): w is string => !!w && w !== role))];

    // CONNECT on this database only. Other databases of the server are not this program's: they
    // still let in whoever PUBLIC may let in, unless their owner revokes CONNECT from PUBLIC.
    await sql`grant connect on database ${database} to ${r}`.execute(trx);
    // No temporary tables: TEMPORARY is PUBLIC's by default, so it is taken from PUBLIC, and given
    // to the writers, whose rollup refresh stages its counts in temporary tables.
    await sql`revoke create, temporary on database ${database} from ${r}`.execute(trx);
    await sql`revoke temporary on database ${database} from public`.execute(trx);
    for (const w of writers) await sql`grant temporary on database ${database} to ${sql.id(w)}`.execute(trx);

    await sql`grant usage on schema public to ${r}`.execute(trx);
    await sql`revoke create on schema public from ${r}`.execute(trx);
    await sql`grant select on all tables in schema public to ${r}`.execute(trx);
    // Tables that later migrations create (as the role running this, or the tables' owner) are
    // readable too.
    await sql`alter default privileges in schema public grant select on tables to ${r}`.execute(trx);
    if (here.tables && here.tables !== here.me && here.superuser) {
      await sql`alter default privileges for role ${sql.id(here.tables)} in schema public grant select on tables to ${r}`.execute(trx);
    }

    if (here.superuser) await revokeAdvisoryLocks(trx, writers);
    const reachable = await sql<{ n: number }>`
      select count(*)::int as n from unnest(${ADVISORY_LOCK_FUNCTIONS}::text[]) f
      where has_function_privilege(${role}, f::regprocedure, 'execute')`.execute(trx);
    return { created: !exists, advisoryLocksRevoked: reachable.rows[0]!.n === 0 };
  });
}

/**
 * Advisory locks are PUBLIC's, and a reader could take the ingest's write lock and keep it. In
 * this database (function privileges are per database) they are taken from PUBLIC and given to
 * the writers; a superuser bypasses the check anyway.
 */
async function revokeAdvisoryLocks(trx: Transaction<Database>, writers: string[]): Promise<void> {
  for (const f of ADVISORY_LOCK_FUNCTIONS) {
    const fn = sql.raw(`pg_catalog.${f}`);
    await sql`revoke execute on function ${fn} from public`.execute(trx);
    for (const w of writers) await sql`grant execute on function ${fn} to ${sql.id(w)}`.execute(trx);
  }
}
