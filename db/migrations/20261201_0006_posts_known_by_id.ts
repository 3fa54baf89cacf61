import { type Kysely, sql } from 'kysely';

// Frozen. A post is known by its channel and its id, never by its text: two posts with one text
// are two posts, and a post edited under its id replaces the text stored for it. A post without
// an id (plain text) is known by its channel, the name of its file and its place in the file.
// The key on (channel, text hash) goes; no row is removed, the old key only refused rows. Posts
// stored before this have no file name: an ingest finds them by their text, as it did, and
// gives them the file's name, so that they are not stored a second time.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table posts drop constraint posts_channel_hash_key`.execute(db);
  await sql`create unique index posts_channel_source_seq_key on posts (channel_id, source_file, seq) where external_id is null and source_file is not null`.execute(db);
  await sql`create index posts_channel_hash_unnamed_idx on posts (channel_id, content_hash) where external_id is null and source_file is null`.execute(db);
}

// The old key cannot hold two posts of one channel with the same text: if there are any, this
// fails on them (naming the duplicated key) rather than deleting one.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index posts_channel_hash_unnamed_idx`.execute(db);
  await sql`drop index posts_channel_source_seq_key`.execute(db);
  await sql`alter table posts add constraint posts_channel_hash_key unique (channel_id, content_hash)`.execute(db);
}
