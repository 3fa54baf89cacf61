// The web app's read-only role on a server: it may connect and read every table, now and in
// tables later migrations create, and nothing else.
import { sql, type Kysely } from 'kysely';
import type { Database } from './types';

/** Creates `role` (LOGIN, no password: set one, or use the server's own authentication) if it is missing, and grants it reading. */
export async function grantReader(db: Kysely<Database>, role: string): Promise<{ created: boolean }> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`role names are lower-case letters, digits and _ (got "${role.slice(0, 40)}")`);
  const exists = (await sql<{ n: number }>`select count(*)::int as n from pg_roles where rolname = ${role}`.execute(db)).rows[0].n > 0;
  const r = sql.id(role);
  await db.transaction().execute(async (trx) => {
    if (!exists) await sql`create role ${r} login`.execute(trx);
    const dbName = (await sql<{ name: string }>`select current_database() as name`.execute(trx)).rows[0].name;
    await sql`grant connect on database ${sql.id(dbName)} to ${r}`.execute(trx);
    await sql`grant usage on schema public to ${r}`.execute(trx);
    await sql`revoke create on schema public from ${r}`.execute(trx);
    await sql`grant select on all tables in schema public to ${r}`.execute(trx);
    // Tables that later migrations create (as the role running this) are readable too.
    await sql`alter default privileges in schema public grant select on tables to ${r}`.execute(trx);
  });
  return { created: !exists };
}
