import { type Kysely, sql } from 'kysely';

// Frozen. When each channel was last read: by any run that stored posts of it (ingest, sync),
// and by a sync of its public page. A run that finds nothing new still reads the channel, so
// these are kept apart from the posts' own times. Channels stored before this were last read
// when their newest post was stored.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('channels')
    .addColumn('last_ingested_at', 'timestamptz')
    .addColumn('last_synced_at', 'timestamptz')
    .execute();
  await sql`update channels c set last_ingested_at = (select max(p.ingested_at) from posts p where p.channel_id = c.id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('channels').dropColumn('last_ingested_at').dropColumn('last_synced_at').execute();
}
