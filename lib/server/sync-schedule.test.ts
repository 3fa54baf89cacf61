import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { previewHtml, previewPageAt } from '@/lib/ingest/fixtures/telegram-preview';
import type { SyncSummary } from '@/lib/load/sync';
import { dbKind, freshDb, type TestDb } from '@/scripts/testing/db';
import { scheduleFromEnv, startSyncSchedule } from './sync-schedule';

describe('SIDELINES_SYNC', () => {
  test.each([
    [{}, null],
    [{ SIDELINES_SYNC: 'MFARussia, @MID_Russia' }, { channels: ['MFARussia', 'MID_Russia'], intervalMs: 15 * 60_000 }],
    [{ SIDELINES_SYNC: 'MFARussia MFARussia', SIDELINES_SYNC_MINUTES: '5' }, { channels: ['MFARussia'], intervalMs: 5 * 60_000 }],
  ])('%j', (env, expected) => {
    const c = scheduleFromEnv(env);
    expect(c && { channels: c.sources.map((s) => (s.kind === 'telegram' ? s.channel : s.url)), intervalMs: c.intervalMs }).toEqual(expected);
  });

  test.each([
    [{ SIDELINES_SYNC: 'MFARussia,no way' }, /SIDELINES_SYNC: "no", "way" are not public Telegram channel names/],
    [{ SIDELINES_SYNC: 'MFARussia', SIDELINES_SYNC_MINUTES: '0' }, /SIDELINES_SYNC_MINUTES: must be minutes from 1 to 1440/],
    [{ SIDELINES_SYNC: 'MFARussia', SIDELINES_SYNC_SINCE: 'last week' }, /SIDELINES_SYNC_SINCE: must be a day written YYYY-MM-DD/],
  ])('%j is refused, saying why', (env, message) => {
    expect(() => scheduleFromEnv(env)).toThrow(message);
  });
});

describe(`the server's own sync on the ${dbKind} database`, () => {
  let server: http.Server;
  let base = '';
  let t: TestDb;
  let state = '';
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const page = previewPageAt(req.url ?? '/');
      if (!page) res.writeHead(404).end('no');
      else res.writeHead(200, { 'Content-Type': 'text/html' }).end(previewHtml(page));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = await freshDb();
    state = fs.mkdtempSync(path.join(os.tmpdir(), 'sidelines-schedule-'));
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await t.close();
    fs.rmSync(state, { recursive: true, force: true });
  });

  test('runs at once, then every interval, one run at a time; a run with nothing new stores nothing', async () => {
    const lines: string[] = [];
    const schedule = startSyncSchedule(
      { sources: [{ kind: 'telegram', channel: 'MFARussia' }], intervalMs: 50, since: '2023-01-01' },
      { db: t.db, env: { SIDELINES_TELEGRAM_URL: base, SIDELINES_DATA_DIR: state }, firstDelayMs: 0, delayMs: 0, log: (l) => lines.push(l) },
    );
    const until = Date.now() + 30_000;
    while (schedule.runs < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    await schedule.stop();
    expect(schedule.runs).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toBe('sync: keeping @MFARussia in sync every 0 min');
    // The first run's new posts, then none: what is stored is reached on the first page.
    expect(lines[1]).toMatch(/^sync: MFARussia: 8 new, 0 edited, \d+ events created/);
    expect(lines[2]).toMatch(/^sync: MFARussia: 0 new, 0 edited, 0 events created/);
    expect((schedule.last as SyncSummary).store.postsNew).toBe(0);
    const n = await t.db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(8);
  }, 60_000);
});
