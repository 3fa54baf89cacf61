// What a failed database call means for whoever sees it: the database is out of space on its
// disk (free some), it cannot be reached or opened (retry shortly), or neither (a bug). The web
// app's 503s and the ingest command's one-line error both ask here, so that one failure reads the
// same in both; the module is plain Node (no 'server-only'), as the command line loads it too.
import fs from 'node:fs';
import path from 'node:path';
import { configFromEnv } from '@/db';

export type DbFailure = 'disk_full' | 'unreachable';

/** Where the database lives: an embedded folder, or (no folder) a PostgreSQL server. */
export interface DbLocation {
  dataDir?: string;
}

interface ErrorLike {
  code?: unknown;
  severity?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The error and what it wraps: `cause` chains (DatabaseError) and AggregateError's `errors`. */
function* chain(err: unknown, depth = 0): Generator<ErrorLike> {
  if (!err || typeof err !== 'object' || depth > 8) return;
  const e = err as ErrorLike;
  yield e;
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* chain(inner, depth + 1);
  yield* chain(e.cause, depth + 1);
}

const text = (e: ErrorLike): string => (typeof e.message === 'string' ? e.message : '');

// Node's ENOSPC from a file write, and PostgreSQL's disk_full (SQLSTATE 53100): "could not extend
// file …" for a table, "could not write to file …pgsql_tmp…" for a sort that spills, "could not
// write to file pg_wal/xlogtemp…" for the WAL (a PANIC on PGlite). All say "No space left on device".
const DISK_FULL_CODES: ReadonlySet<unknown> = new Set(['ENOSPC', '53100']);
const NO_SPACE = /no space left on device/i;

// PGlite after a PANIC: every later statement, the transaction's ROLLBACK included, fails with
// 24000 "cannot drop active portal", and Kysely throws the rollback's error in place of the
// 53100 that caused it; reopening the folder then fails with "PGlite failed to initialize".
const PGLITE_DEAD = /cannot drop active portal|PGlite failed to initiali[sz]e|PGlite is closed/i;

// A WAL segment is 16 MB: below a few of them PostgreSQL cannot go on writing, so a dead PGlite
// on a disk this full died of it.
export const LOW_SPACE_BYTES = 64 * 1024 * 1024;

const UNREACHABLE_CODES: ReadonlySet<unknown> = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  // admin_shutdown, crash_shutdown, cannot_connect_now; connection failure, rejection, none.
  '57P01', '57P02', '57P03', '08006', '08001', '08003', '08004',
]);
const UNREACHABLE = /connect|terminat|Connection|closed|PGlite is closed/i;

/** Free bytes on the filesystem that holds `dir` (or its nearest existing parent), or null. */
export function freeBytes(dir: string): number | null {
  let at = path.resolve(dir);
  for (;;) {
    try {
      const s = fs.statfsSync(at);
      return s.bavail * s.bsize;
    } catch {
      const up = path.dirname(at);
      if (up === at) return null;
      at = up;
    }
  }
}

/** True when the failure is the database's disk being full. */
export function isDiskFull(err: unknown, where: DbLocation = {}): boolean {
  const errors = [...chain(err)];
  if (errors.some((e) => DISK_FULL_CODES.has(e.code) || NO_SPACE.test(text(e)))) return true;
  if (!where.dataDir) return false;
  if (!errors.some((e) => e.severity === 'PANIC' || PGLITE_DEAD.test(text(e)))) return false;
  const free = freeBytes(where.dataDir);
  return free !== null && free < LOW_SPACE_BYTES;
}

/** Disk full, unreachable (or closed, or shut down), or null for any other failure. */
export function classifyDbError(err: unknown, where: DbLocation = {}): DbFailure | null {
  if (isDiskFull(err, where)) return 'disk_full';
  const errors = [...chain(err)];
  if (errors.some((e) => UNREACHABLE_CODES.has(e.code) || UNREACHABLE.test(text(e)))) return 'unreachable';
  return null;
}

/** A full disk, naming the folder (embedded) or the server; the caller says what to do next. */
export function diskFullMessage(where: DbLocation = {}): string {
  return `no space left on the device holding the database (${where.dataDir ?? 'the server'})`;
}

/**
 * The one line a command that writes prints for a full disk, or null for any other failure (the
 * command prints that one's own message). Without it a full disk on the embedded database reads
 * as PostgreSQL's last words, `cannot drop active portal ""`.
 */
export function diskFullLine(err: unknown, env: Record<string, string | undefined> = process.env): string | null {
  let where: DbLocation = {};
  try {
    where = { dataDir: configFromEnv(env, 'write').dataDir };
  } catch {
    // A bad setting is reported by the command itself; a full disk is then no question.
    return null;
  }
  return isDiskFull(err, where) ? `${diskFullMessage(where)}: free some space and run it again` : null;
}
