import { type Kysely, sql } from 'kysely';

// Counts per month, kept in step with the events by every writing run, so that the dashboard's
// aggregates read a few thousand rows instead of every event. `tset` is the set of event types
// counted: one type, 'contacts' (meetings, calls, multilateral) or 'all'. `dim` is what is
// counted: events, posts, or events per country, organisation, topic or country × topic.
// Undated events are filed under month 0001-01-01, which only all-time views include.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rollup_monthly')
    .addColumn('month', 'date', (c) => c.notNull())
    .addColumn('tset', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_monthly_pkey', ['tset', 'dim', 'month', 'code'])
    .execute();
  await sql`create index rollup_monthly_month_idx on rollup_monthly (month)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rollup_monthly').ifExists().execute();
}
