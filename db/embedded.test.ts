import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, test } from 'vitest';
import { createDb, takeOverStaleLock } from './index';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidelines-embedded-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('an embedded database closed before any query gives its folder back', async () => {
  const first = await createDb({ dataDir: dir });
  await first.destroy();
  expect(fs.existsSync(path.join(dir, 'sidelines.lock'))).toBe(false);
  const second = await createDb({ dataDir: dir });
  try {
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(second);
    expect(rows[0].one).toBe(1);
  } finally {
    await second.destroy();
  }
}, 60_000);

test('a dead process’s lock is moved aside, but never a lock that another process took meanwhile', () => {
  const lock = path.join(dir, 'race.lock');
  fs.writeFileSync(lock, '123');
  takeOverStaleLock(lock, '123');
  expect(fs.existsSync(lock)).toBe(false);
  // Another process took the folder between this one reading the dead lock and moving it.
  fs.writeFileSync(lock, '456');
  takeOverStaleLock(lock, '123');
  expect(fs.readFileSync(lock, 'utf8')).toBe('456');
  expect(fs.readdirSync(dir).filter((f) => f.includes('stale'))).toEqual([]);
  // Gone already: nothing to do.
  fs.rmSync(lock);
  expect(() => takeOverStaleLock(lock, '123')).not.toThrow();
});
