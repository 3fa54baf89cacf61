import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, test } from 'vitest';
import { createDb, DatabaseError } from './index';
import { folderLockHolder, LOCK_FILE } from './lock';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidelines-embedded-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('an embedded database closed before any query gives its folder back', async () => {
  const first = await createDb({ dataDir: dir });
  expect(folderLockHolder(dir)).toEqual({ held: true, pid: process.pid });
  await first.destroy();
  expect(folderLockHolder(dir)).toEqual({ held: false, pid: null });
  const second = await createDb({ dataDir: dir });
  try {
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(second);
    expect(rows[0]!.one).toBe(1);
  } finally {
    await second.destroy();
  }
}, 60_000);

test('one open database per folder, in this process too: the second is refused before PGlite touches the folder', async () => {
  const db = await createDb({ dataDir: dir });
  try {
    const again = createDb({ dataDir: dir });
    await expect(again).rejects.toThrow(DatabaseError);
    await expect(again).rejects.toThrow(`the data folder ${dir} is already open in this process: close that database first`);
    // The first is unharmed.
    expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows[0]!.one).toBe(1);
  } finally {
    await db.destroy();
  }
}, 60_000);

test('a lock file naming a live process that does not hold the lock is no obstacle', async () => {
  // Pid 1 is alive here, as another container's pid would seem to be: only the kernel's lock counts.
  fs.writeFileSync(path.join(dir, LOCK_FILE), '1\n');
  const db = await createDb({ dataDir: dir });
  try {
    expect(folderLockHolder(dir)).toEqual({ held: true, pid: process.pid });
  } finally {
    await db.destroy();
  }
}, 60_000);
