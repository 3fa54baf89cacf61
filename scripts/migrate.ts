// npm run db:migrate: applies pending migrations to the configured database.
import { configFromEnv, createDb, describeConfig, migrateToLatest } from '@/db';

async function main(): Promise<void> {
  const config = configFromEnv();
  const db = await createDb(config);
  try {
    const result = await migrateToLatest(db);
    const applied = result.results?.map((r) => r.migrationName) ?? [];
    console.log(
      applied.length
        ? `${describeConfig(config)}: applied ${applied.join(', ')}`
        : `${describeConfig(config)}: up to date`,
    );
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(`db:migrate: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
