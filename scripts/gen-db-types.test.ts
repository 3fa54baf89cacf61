// db/schema.generated.ts is what the migrations make, on both databases: a migration without
// `npm run gen:db-types` fails here (and so in CI).
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dbKind, freshDb, type TestDb } from '@/scripts/testing/db';
import { GENERATED_FILE, generateDbTypes } from './gen-db-types';

describe(`the generated table types on the ${dbKind} database`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb();
  });
  afterAll(() => t?.close());

  test('db/schema.generated.ts is what the migrations give', async () => {
    expect(await generateDbTypes(t.db)).toBe(fs.readFileSync(GENERATED_FILE, 'utf8'));
  });

  test('a column the file does not know of is a difference', async () => {
    await sql`alter table posts add column extra_note text`.execute(t.db);
    try {
      const text = await generateDbTypes(t.db);
      expect(text).not.toBe(fs.readFileSync(GENERATED_FILE, 'utf8'));
      expect(text).toContain('extra_note: string | null;');
    } finally {
      await sql`alter table posts drop column extra_note`.execute(t.db);
    }
  });
});
