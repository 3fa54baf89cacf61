import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Database } from '@/db/types';
import { bumpDataVersion } from '@/db/queries/version';
import { storePosts } from '@/lib/load/store';
import { setDb } from '@/lib/server/db';
import { freePort } from '@/scripts/testing/app-server';
import { dbKind, freshDb, type TestDb } from '@/scripts/testing/db';
import { GET } from './route';

// Whatever the failure, a public answer names no host, port, folder, driver or version.
const INTERNAL = /127\.0\.0\.1|localhost|:\d{2,5}\b|ECONN|PGlite|PostgreSQL \d|\/tmp\/|\.data|\bpg\b|stack/i;

describe(`GET /api/health on the ${dbKind} database`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb();
    setDb(t.db);
  });
  afterAll(() => t.close());

  test("answers 200: ok, the data version and each channel's freshness, nothing else", async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ ok: true, status: 'ok', dataVersion: expect.any(Number), channels: [] });
    await bumpDataVersion(t.db);
    expect(await (await GET()).json()).toEqual({ ok: true, status: 'ok', dataVersion: body.dataVersion + 1, channels: [] });
  });

  test("says when each channel's newest post was published and when a run last read it", async () => {
    const before = Date.now();
    const post = (id: string, at: string) => ({ channel: 'MFARussia', externalId: id, postedAt: new Date(at), lang: 'en' as const, text: `Sergey Lavrov met with Foreign Minister of Jordan Ayman Safadi (${id}).`, url: null, seq: 0 });
    await storePosts(t.db, [post('1', '2026-03-01T09:00:00Z'), post('2', '2026-03-02T09:00:00Z')]);
    const [one] = (await (await GET()).json()).channels;
    expect(one).toEqual({ channel: 'MFARussia', posts: 2, newestPostAt: '2026-03-02T09:00:00.000Z', lastIngestedAt: expect.any(String), lastSyncedAt: null });
    expect(Date.parse(one.lastIngestedAt)).toBeGreaterThanOrEqual(before - 1000);
    // A sync that finds nothing new still reads the channel.
    await new Promise((r) => setTimeout(r, 20));
    await storePosts(t.db, [], { synced: ['MFARussia'] });
    const [again] = (await (await GET()).json()).channels;
    expect(again.posts).toBe(2);
    expect(Date.parse(again.lastSyncedAt)).toBeGreaterThan(Date.parse(one.lastIngestedAt));
    expect(again.lastIngestedAt).toBe(again.lastSyncedAt);
  });

  test('answers 503 "degraded" when the database is gone; the cause goes to the log only', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const gone = await freshDb();
    await gone.close();
    setDb(gone.db);
    try {
      const res = await GET();
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ ok: false, status: 'degraded', error: 'the database is unavailable: it cannot be reached right now; retry shortly' });
      expect(text).not.toMatch(INTERNAL);
      expect(log).toHaveBeenCalledTimes(1);
      // The same failure again at once is not logged again: an outage is not a line per request.
      for (let i = 0; i < 5; i++) expect((await GET()).status).toBe(503);
      expect(log).toHaveBeenCalledTimes(1);
    } finally {
      setDb(t.db);
      log.mockRestore();
    }
  });

  test('a server that refuses connections (ECONNREFUSED 127.0.0.1:port) is not named in the answer', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const port = await freePort();
    const refused = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:${port}/x`, connectionTimeoutMillis: 2_000 }) }),
    });
    setDb(refused);
    try {
      const res = await GET();
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(text).not.toMatch(INTERNAL);
      expect(JSON.parse(text).status).toBe('degraded');
      // The log has what the answer leaves out.
      const logged = log.mock.calls.flat().map((a) => (a instanceof Error ? `${a.message} ${String((a as { code?: string }).code)}` : String(a))).join(' ');
      expect(logged).toMatch(/ECONNREFUSED/);
    } finally {
      setDb(t.db);
      await refused.destroy();
      log.mockRestore();
    }
  });
});
