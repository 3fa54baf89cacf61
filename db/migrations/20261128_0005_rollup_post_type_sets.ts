import { type Kysely, sql } from 'kysely';

// The rollup's distinct posts are now kept for every facet, by the set of event types each post
// reports, and its country × topic matrix for each organisation and topic as well. No column
// changes; the rows are counted differently, so the table is emptied and migrateToLatest counts
// it again from the events.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`delete from rollup_monthly`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from rollup_monthly`.execute(db);
}
