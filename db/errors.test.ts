// The failures the web app and the ingest command classify, in the shapes the drivers really
// throw them: recorded from PGlite and PostgreSQL 15 on a filesystem that ran out of space (a
// small tmpfs; scripts/ingest-disk-full.test.ts does it through the command), and made here
// for the one any machine can make (a refused connection).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { freePort } from '@/scripts/testing/app-server';
import { classifyDbError, diskFullLine, diskFullMessage, freeBytes, isDiskFull, LOW_SPACE_BYTES } from './errors';

/** An error as pg-protocol (pg and PGlite alike) makes it: an Error with the server's fields. */
function pgError(fields: { message: string; code: string; severity: string; routine: string; file: string }): Error {
  return Object.assign(new Error(fields.message), { name: 'error', length: 100, ...fields });
}

// PGlite, on the statement that found the disk full: the WAL could not grow.
const PGLITE_WAL_FULL = pgError({
  message: 'could not write to file "pg_wal/xlogtemp.42": No space left on device',
  code: '53100',
  severity: 'PANIC',
  routine: 'XLogFileInitInternal',
  file: 'xlog.c',
});
// PGlite, on every statement after that one, the transaction's ROLLBACK first: this is what
// reached the ingest command (Kysely throws the rollback's error in place of the first).
const PGLITE_AFTER_PANIC = () =>
  pgError({ message: 'cannot drop active portal ""', code: '24000', severity: 'PANIC', routine: 'PortalDrop', file: 'portalmem.c' });
// PGlite reopening that folder while it is still full (as db/index.ts wraps it).
const PGLITE_REOPEN = () =>
  Object.assign(new Error('cannot open the embedded database in /srv/db: Error: PGlite failed to initialize properly'), {
    name: 'DatabaseError',
    cause: new Error('PGlite failed to initialize properly'),
  });
// PostgreSQL 15: a table that cannot grow, and a sort that cannot spill to its temporary files.
const PG_TABLE_FULL = pgError({
  message: 'could not extend file "pg_tblspc/16384/PG_15_202209061/5/16390": No space left on device',
  code: '53100',
  severity: 'ERROR',
  routine: 'mdextend',
  file: 'md.c',
});
const PG_SORT_FULL = pgError({
  message: 'could not write to file "pg_tblspc/16384/PG_15_202209061/pgsql_tmp/pgsql_tmp32498.0": No space left on device',
  code: '53100',
  severity: 'ERROR',
  routine: 'BufFileDumpBuffer',
  file: 'buffile.c',
});
// Node, writing a file on a full disk.
const NODE_ENOSPC = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });

afterEach(() => vi.restoreAllMocks());

/** Makes the filesystem of every folder look as full (or as empty) as asked. */
function freeSpace(bytes: number): void {
  vi.spyOn(fs, 'statfsSync').mockReturnValue({ type: 0, bsize: 4096, blocks: 1e6, bfree: bytes / 4096, bavail: bytes / 4096, files: 1e6, ffree: 1e6 });
}

describe('a full disk', () => {
  test.each([
    ['PGlite: the WAL could not grow (53100, PANIC)', PGLITE_WAL_FULL],
    ['PostgreSQL: a table could not grow (53100)', PG_TABLE_FULL],
    ['PostgreSQL: a sort could not spill (53100)', PG_SORT_FULL],
    ['Node: ENOSPC', NODE_ENOSPC],
    ['wrapped as a cause', new Error('ingest failed', { cause: PG_TABLE_FULL })],
    ['inside an AggregateError', new AggregateError([new Error('x'), NODE_ENOSPC], 'several')],
  ])('%s is disk_full, wherever the database is', (_, err) => {
    expect(classifyDbError(err)).toBe('disk_full');
    expect(classifyDbError(err, { dataDir: '/srv/db' })).toBe('disk_full');
  });

  test("PGlite's later errors are disk_full only when its folder's disk is in fact nearly full", () => {
    freeSpace(8 * 1024 * 1024);
    expect(classifyDbError(PGLITE_AFTER_PANIC(), { dataDir: '/srv/db' })).toBe('disk_full');
    expect(classifyDbError(PGLITE_REOPEN(), { dataDir: '/srv/db' })).toBe('disk_full');
    // On a server there is no folder to look at, and the same text is no proof.
    expect(classifyDbError(PGLITE_AFTER_PANIC())).toBeNull();
    freeSpace(LOW_SPACE_BYTES * 4);
    expect(isDiskFull(PGLITE_AFTER_PANIC(), { dataDir: '/srv/db' })).toBe(false);
    expect(isDiskFull(PGLITE_REOPEN(), { dataDir: '/srv/db' })).toBe(false);
  });

  test('free space is read from the nearest folder that exists', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidelines-free-'));
    try {
      expect(freeBytes(path.join(dir, 'not', 'yet', 'made'))).toBeGreaterThan(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the message names the folder of an embedded database, or the server', () => {
    expect(diskFullMessage({ dataDir: '/srv/db' })).toBe('no space left on the device holding the database (/srv/db)');
    expect(diskFullMessage()).toBe('no space left on the device holding the database (the server)');
    freeSpace(1024 * 1024);
    expect(diskFullLine(PGLITE_AFTER_PANIC(), { SIDELINES_DATA_DIR: '/srv/db' })).toBe(
      'no space left on the device holding the database (/srv/db): free some space and run it again',
    );
    expect(diskFullLine(PG_TABLE_FULL, { DATABASE_URL: 'postgres://u@db/x' })).toMatch(/\(the server\): free some space/);
    expect(diskFullLine(new Error('malformed JSON at line 3'), { SIDELINES_DATA_DIR: '/srv/db' })).toBeNull();
  });
});

describe('a database that cannot be reached', () => {
  test('a refused connection (ECONNREFUSED 127.0.0.1:port) is unreachable', async () => {
    const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${await freePort()}/x` });
    const err = await client.connect().then(() => null, (e: unknown) => e);
    expect(String((err as Error).message)).toMatch(/ECONNREFUSED 127\.0\.0\.1:\d+/);
    expect(classifyDbError(err)).toBe('unreachable');
  });

  test('a closed PGlite is unreachable, with no disk question while space is plenty', () => {
    freeSpace(LOW_SPACE_BYTES * 4);
    expect(classifyDbError(new Error('PGlite is closed'), { dataDir: '/srv/db' })).toBe('unreachable');
  });

  test.each([
    ['terminated by an administrator (57P01)', pgError({ message: 'terminating connection due to administrator command', code: '57P01', severity: 'FATAL', routine: 'ProcessInterrupts', file: 'postgres.c' })],
    ['the server starting up (57P03)', pgError({ message: 'the database system is starting up', code: '57P03', severity: 'FATAL', routine: 'ProcessStartupPacket', file: 'backend_startup.c' })],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
  ])('%s is unreachable', (_, err) => {
    expect(classifyDbError(err)).toBe('unreachable');
  });
});

describe('anything else is neither (a bug: a 500)', () => {
  test.each([
    ['division by zero', pgError({ message: 'division by zero', code: '22012', severity: 'ERROR', routine: 'int4div', file: 'int.c' })],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error at all', 'a string'],
    ['nothing', undefined],
  ])('%s', (_, err) => {
    expect(classifyDbError(err, { dataDir: '/srv/db' })).toBeNull();
  });
});
