// npm run db:grant-reader -- ROLE: makes ROLE the web app's read-only role on the server named by
// DATABASE_URL_WRITE (or DATABASE_URL): it may connect to that database and read, and nothing
// else (no temporary tables, no advisory locks when run by a superuser).
import { configFromEnv, createDb, describeConfig } from '@/db';
import { grantReader } from '@/db/roles';

async function main(): Promise<void> {
  const role = process.argv[2];
  if (!role || process.argv.length > 3) throw new Error('usage: npm run db:grant-reader -- ROLE');
  const config = configFromEnv(process.env, 'write');
  if (!config.url) throw new Error('roles exist on a PostgreSQL server only: set DATABASE_URL (or DATABASE_URL_WRITE) to the owner');
  const db = await createDb(config);
  try {
    const { created, advisoryLocksRevoked } = await grantReader(db, role);
    console.log(`${describeConfig(config)}: ${role} ${created ? 'created (LOGIN, no password) and ' : ''}granted reading`);
    if (!advisoryLocksRevoked) {
      // Not an error: the role is usable, but the operator must know what it can still do.
      console.error(
        `db:grant-reader: warning: ${role} can still take advisory locks, and so hold back every ingest and migration; only a superuser can revoke them: run this once as one`,
      );
    }
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(`db:grant-reader: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
