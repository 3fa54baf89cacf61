import { type Kysely, sql } from 'kysely';

// The rollup gains a facet: counts among the events of one counterpart country, organisation or
// topic ('country:CN', 'topic:energy'; '' is every event), so that a view filtered to one of them
// reads the rollup too. Counts other than posts are kept per event type only and summed over the
// types a view asks for. Whole years are kept as well as months ('year' rows dated January 1st), so
// that a view of years reads a twelfth of the rows. The table is left empty; migrateToLatest
// counts it again from the events.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`delete from rollup_monthly`.execute(db);
  await sql`alter table rollup_monthly drop constraint rollup_monthly_pkey`.execute(db);
  await sql`alter table rollup_monthly add column facet text not null default ''`.execute(db);
  await sql`alter table rollup_monthly add column span text not null default 'month' check (span in ('month', 'year'))`.execute(db);
  await sql`alter table rollup_monthly add constraint rollup_monthly_pkey primary key (facet, dim, span, tset, month, code)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from rollup_monthly`.execute(db);
  await sql`alter table rollup_monthly drop constraint rollup_monthly_pkey`.execute(db);
  await sql`alter table rollup_monthly drop column facet`.execute(db);
  await sql`alter table rollup_monthly drop column span`.execute(db);
  await sql`alter table rollup_monthly add constraint rollup_monthly_pkey primary key (tset, dim, month, code)`.execute(db);
}
