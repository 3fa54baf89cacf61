import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { setDb } from '@/lib/db';
import { dbKind, freshDb, type TestDb } from '@/lib/testing/db';
import { GET } from './route';

describe(`GET /api/health on the ${dbKind} database`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb();
    setDb(t.db);
  });
  afterAll(() => t.close());

  test('answers 200 with the counts', async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, database: dbKind, posts: 0, events: 0 });
    expect(body.postgres).toMatch(/^PostgreSQL \d+/);
  });

  test('answers 503 with a message when the database is gone', async () => {
    const gone = await freshDb();
    await gone.close();
    setDb(gone.db);
    const res = await GET();
    expect(res.status).toBe(503);
    expect((await res.json()).error).toMatch(/unavailable/);
    setDb(t.db);
  });
});
