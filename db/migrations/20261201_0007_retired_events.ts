import { type Kysely, sql } from 'kysely';

// Frozen. The ids of events that no longer exist (a reparse no longer finds them, or the posts
// behind them were edited away), with what a permalink needs to point to the dashboard instead:
// the event's day, type, title and counterparts, and the posts it came from. An id here is never
// given to another event: ids come from the events' sequence, which does not go back.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('retired_events')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('date', 'date')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('countries', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('organizations', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('post_ids', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('retired_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('retired_events').ifExists().execute();
}
