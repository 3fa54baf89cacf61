import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest, migrator } from '@/db';
import { dbKind, freshDb, type TestDb } from '@/scripts/testing/db';

const TABLES = [
  'channels',
  'data_version',
  'event_countries',
  'event_organizations',
  'event_people',
  'event_posts',
  'event_topics',
  'events',
  'posts',
  'retired_events',
  'rollup_monthly',
];

async function userTables(t: TestDb): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_name not like 'kysely_%'
    order by table_name`.execute(t.db);
  return rows.map((r) => r.name);
}

describe(`migrations on the ${dbKind} database`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb({ migrate: false });
  });
  afterAll(() => t.close());

  test('up creates every table, down removes them all, up again works', async () => {
    expect(await userTables(t)).toEqual([]);
    const up = await migrateToLatest(t.db);
    expect(up.results?.every((r) => r.status === 'Success')).toBe(true);
    expect(await userTables(t)).toEqual(TABLES);

    const m = migrator(t.db);
    for (;;) {
      const down = await m.migrateDown();
      expect(down.error).toBeUndefined();
      if (!down.results?.length) break;
    }
    expect(await userTables(t)).toEqual([]);

    await migrateToLatest(t.db);
    expect(await userTables(t)).toEqual(TABLES);
  });

  test('a second migrate is a no-op', async () => {
    const again = await migrateToLatest(t.db);
    expect(again.results).toEqual([]);
  });

  test('post text is searchable in Russian and English with stemming', async () => {
    const ch = await t.db.insertInto('channels').values({ handle: 'x' }).returning('id').executeTakeFirstOrThrow();
    await t.db
      .insertInto('posts')
      .values([
        { channel_id: ch.id, content_hash: 'a', lang: 'ru', text: 'Лавров встретился с министрами Иордании', hashtags: [] },
        { channel_id: ch.id, content_hash: 'b', lang: 'en', text: 'The ministers discussed nuclear security', hashtags: [] },
      ])
      .execute();
    const ru = await sql<{ n: number }>`select count(*)::int as n from posts where tsv @@ plainto_tsquery('russian', 'министр')`.execute(t.db);
    const en = await sql<{ n: number }>`select count(*)::int as n from posts where tsv @@ plainto_tsquery('english', 'minister')`.execute(t.db);
    expect(ru.rows[0]!.n).toBe(1);
    expect(en.rows[0]!.n).toBe(1);
  });
});

describe(`posts known by their id, not their text (migration 0006) on the ${dbKind} database`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb({ migrate: false });
  });
  afterAll(() => t.close());

  const count = async () => (await sql<{ n: number }>`select count(*)::int as n from posts`.execute(t.db)).rows[0]!.n;

  test('posts stored under the old keys are all kept, and the new keys hold from then on', async () => {
    const m = migrator(t.db);
    expect((await m.migrateTo('20261128_0005_rollup_post_type_sets')).error).toBeUndefined();
    const ch = await t.db.insertInto('channels').values({ handle: 'x' }).returning('id').executeTakeFirstOrThrow();
    await t.db
      .insertInto('posts')
      .values([
        { channel_id: ch.id, external_id: '1', content_hash: 'a', lang: 'en', text: 'one', hashtags: [] },
        { channel_id: ch.id, external_id: '2', content_hash: 'b', lang: 'en', text: 'two', hashtags: [] },
        // Plain text as it was stored: no id, no file name, every seq 0.
        { channel_id: ch.id, content_hash: 'c', lang: 'en', text: 'three', hashtags: [] },
        { channel_id: ch.id, content_hash: 'd', lang: 'en', text: 'four', hashtags: [] },
      ])
      .execute();
    // The old key refused one text twice in a channel.
    await expect(
      t.db.insertInto('posts').values({ channel_id: ch.id, external_id: '3', content_hash: 'a', lang: 'en', text: 'one', hashtags: [] }).execute(),
    ).rejects.toThrow();

    expect((await migrateToLatest(t.db)).error).toBeUndefined();
    expect(await count()).toBe(4);
    // One text under two ids is two posts; one id twice is refused, and one place in one file.
    await t.db.insertInto('posts').values({ channel_id: ch.id, external_id: '3', content_hash: 'a', lang: 'en', text: 'one', hashtags: [] }).execute();
    await expect(
      t.db.insertInto('posts').values({ channel_id: ch.id, external_id: '3', content_hash: 'z', lang: 'en', text: 'other', hashtags: [] }).execute(),
    ).rejects.toThrow();
    await t.db.insertInto('posts').values({ channel_id: ch.id, source_file: 'p.txt', seq: 0, content_hash: 'e', lang: 'en', text: 'five', hashtags: [] }).execute();
    await expect(
      t.db.insertInto('posts').values({ channel_id: ch.id, source_file: 'p.txt', seq: 0, content_hash: 'f', lang: 'en', text: 'six', hashtags: [] }).execute(),
    ).rejects.toThrow();
    expect(await count()).toBe(6);
  });

  test('down restores the old key, and refuses while two posts of a channel share a text', async () => {
    const m = migrator(t.db);
    expect((await m.migrateTo('20261201_0006_posts_known_by_id')).error).toBeUndefined();
    expect((await m.migrateDown()).error).toBeDefined();
    expect(await count()).toBe(6);
    await t.db.deleteFrom('posts').where('external_id', '=', '3').execute();
    expect((await m.migrateDown()).error).toBeUndefined();
    expect(await count()).toBe(5);
    expect((await migrateToLatest(t.db)).error).toBeUndefined();
  });
});
