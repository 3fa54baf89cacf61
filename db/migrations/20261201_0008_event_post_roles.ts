import { type Kysely, sql } from 'kysely';

// Frozen. How a post reports an event: 'report' (the post is about it) or 'digest' (one line of
// a post that lists the day's events). Search matches an event by the posts that report it, not
// by a digest that only lists it. Links stored before this are reports until a reparse.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('event_posts')
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('report').check(sql`role in ('report', 'digest')`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('event_posts').dropColumn('role').execute();
}
