import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest, migrator } from '@/db';
import { dbKind, freshDb, type TestDb } from '@/lib/testing/db';

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
    expect(ru.rows[0].n).toBe(1);
    expect(en.rows[0].n).toBe(1);
  });
});
