// npm run db:grant-reader -- ROLE: makes ROLE the web app's read-only role on the server named by
// DATABASE_URL_WRITE (or DATABASE_URL): it may connect and read, and nothing else.
import { configFromEnv, createDb, describeConfig } from '@/db';
import { grantReader } from '@/db/roles';

async function main(): Promise<void> {
  const role = process.argv[2];
  if (!role || process.argv.length > 3) throw new Error('usage: npm run db:grant-reader -- ROLE');
  const config = configFromEnv(process.env, 'write');
  if (!config.url) throw new Error('roles exist on a PostgreSQL server only: set DATABASE_URL (or DATABASE_URL_WRITE) to the owner');
  const db = await createDb(config);
  try {
    const { created } = await grantReader(db, role);
    console.log(`${describeConfig(config)}: ${role} ${created ? 'created (LOGIN, no password) and ' : ''}granted reading`);
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(`db:grant-reader: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
