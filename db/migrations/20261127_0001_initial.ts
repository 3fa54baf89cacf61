import { type Kysely, sql } from 'kysely';

// Frozen: later changes go in new migrations.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('channels')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('handle', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text')
    .addColumn('language', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('posts')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('channel_id', 'integer', (c) => c.notNull().references('channels.id').onDelete('cascade'))
    .addColumn('external_id', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('posted_at', 'timestamptz')
    .addColumn('lang', 'text', (c) => c.notNull().check(sql`lang in ('ru', 'en')`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('hashtags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('url', 'text')
    .addColumn('source_file', 'text')
    .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
    // The year that undated text ("20 сентября") was read in, so a reparse reads it the same way.
    .addColumn('year_hint', 'integer')
    .addColumn('parse_status', 'text', (c) =>
      c.notNull().defaultTo('ok').check(sql`parse_status in ('ok', 'no_event', 'error')`),
    )
    .addColumn('parse_error', 'text')
    .addColumn('ingested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // One search vector per post in its own language's stemmer.
    .addColumn('tsv', sql`tsvector`, (c) =>
      c.generatedAlwaysAs(
        sql`to_tsvector(case when lang = 'ru' then 'russian'::regconfig else 'english'::regconfig end, text)`,
      ).stored(),
    )
    .addUniqueConstraint('posts_channel_hash_key', ['channel_id', 'content_hash'])
    .execute();
  await sql`create unique index posts_channel_external_id_key on posts (channel_id, external_id) where external_id is not null`.execute(db);
  await db.schema.createIndex('posts_posted_at_idx').on('posts').column('posted_at').execute();
  await db.schema.createIndex('posts_tsv_idx').on('posts').using('gin').column('tsv').execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('date', 'date')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('principal', 'text')
    .addColumn('venue', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Timeline order (newest first, id breaks ties) and date-range filters.
  await sql`create index events_date_id_idx on events (date desc nulls last, id desc)`.execute(db);
  await db.schema.createIndex('events_type_date_idx').on('events').columns(['type', 'date']).execute();
  await db.schema.createIndex('events_principal_idx').on('events').column('principal').execute();

  await db.schema
    .createTable('event_posts')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('evidence', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addPrimaryKeyConstraint('event_posts_pkey', ['event_id', 'post_id'])
    .execute();
  await db.schema.createIndex('event_posts_post_idx').on('event_posts').column('post_id').execute();

  await db.schema
    .createTable('event_countries')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('country', 'char(2)', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('counterpart', 'mentioned')`))
    .addPrimaryKeyConstraint('event_countries_pkey', ['event_id', 'country'])
    .execute();
  await db.schema.createIndex('event_countries_country_idx').on('event_countries').columns(['country', 'role', 'event_id']).execute();

  await db.schema
    .createTable('event_organizations')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('counterpart', 'mentioned')`))
    .addPrimaryKeyConstraint('event_organizations_pkey', ['event_id', 'org'])
    .execute();
  await db.schema.createIndex('event_organizations_org_idx').on('event_organizations').columns(['org', 'role', 'event_id']).execute();

  await db.schema
    .createTable('event_people')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('country', 'char(2)')
    .execute();
  await db.schema.createIndex('event_people_event_idx').on('event_people').column('event_id').execute();

  await db.schema
    .createTable('event_topics')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('phrases', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addPrimaryKeyConstraint('event_topics_pkey', ['event_id', 'topic'])
    .execute();
  await db.schema.createIndex('event_topics_topic_idx').on('event_topics').columns(['topic', 'event_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'event_topics',
    'event_people',
    'event_organizations',
    'event_countries',
    'event_posts',
    'events',
    'posts',
    'channels',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
