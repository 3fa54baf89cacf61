import { type Kysely, sql } from 'kysely';

// One row that every writing run bumps: HTTP answers carry it in their ETag, so an unchanged
// view is answered 304 without running its query.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('data_version')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`insert into data_version (id, version) values (1, 1)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('data_version').ifExists().execute();
}
