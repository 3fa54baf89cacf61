// The JSON answers every route handler gives: data, a 400 that says what is wrong, a 503 when
// the database cannot serve, a 500 that gives nothing away. Public answers say what the user can
// do about a failure; what failed, and where, goes to the server's log.
import { createHash } from 'node:crypto';
import type { $ZodError } from 'zod/v4/core';
import { configFromEnv } from '@/db';
import { classifyDbError, diskFullMessage, type DbLocation } from '@/db/errors';

// A list of ten thousand bad codes would otherwise answer with ten thousand issues.
const MAX_ISSUES = 10;

export function json<T>(data: T, init?: ResponseInit): Response {
  return Response.json(data, init);
}

export function badRequest(message: string, issues?: unknown): Response {
  return Response.json({ error: message, ...(issues ? { issues } : {}) }, { status: 400 });
}

export function zodBadRequest(error: $ZodError): Response {
  const first = error.issues[0];
  const where = first?.path.length ? first.path.join('.') : 'query';
  return badRequest(`${where}: ${first?.message ?? 'invalid'}`, error.issues.slice(0, MAX_ISSUES));
}

/** A bug, not the client's doing: logged here, and no message, stack or SQL in the answer. */
export function serverError(err: unknown): Response {
  console.error('request failed', err);
  return Response.json({ error: 'internal error' }, { status: 500 });
}

/** The web app's database, as the environment names it; a bad setting is no location at all. */
export function webDbLocation(env: Record<string, string | undefined> = process.env): DbLocation {
  try {
    return { dataDir: configFromEnv(env, 'read').dataDir };
  } catch {
    return {};
  }
}

/** Disk full, unreachable, or null (a bug), for the web app's own database. */
export function databaseFailure(err: unknown): ReturnType<typeof classifyDbError> {
  return classifyDbError(err, webDbLocation());
}

export const UNREACHABLE_MESSAGE = 'the database is unavailable: it cannot be reached right now; retry shortly';
// The public text names no folder: "the server" is all a user of the site needs to know.
export const DISK_FULL_MESSAGE = `the database is unavailable: ${diskFullMessage()}; retry once space has been freed`;

/** What a user is told when the database cannot serve: never a host, port, path or version. */
export function publicDatabaseMessage(err: unknown): string {
  return databaseFailure(err) === 'disk_full' ? DISK_FULL_MESSAGE : UNREACHABLE_MESSAGE;
}

// While the database is away every request fails the same way: one log line for each kind of
// failure every few seconds, with a count of the ones left out, instead of one per request.
const LOG_EVERY_MS = 5_000;
const lastLogged = new Map<string, { at: number; skipped: number }>();

function logUnavailable(err: unknown, kind: string): void {
  const key = `${kind}:${err instanceof Error ? err.message : String(err)}`;
  const now = Date.now();
  const last = lastLogged.get(key);
  if (last && now - last.at < LOG_EVERY_MS) {
    last.skipped++;
    return;
  }
  const where = webDbLocation().dataDir ?? 'the server';
  const more = last?.skipped ? ` (and ${last.skipped} more like it since the last report)` : '';
  console.error(`database unavailable (${kind}, ${where})${more}:`, err);
  lastLogged.set(key, { at: now, skipped: 0 });
}

/**
 * 503: the database cannot serve. The answer says what to do (retry shortly, or free space on a
 * full disk); the cause is logged. `extra` adds fields to the body (the health check's status).
 */
export function unavailable(err: unknown, extra: Record<string, unknown> = {}): Response {
  const diskFull = databaseFailure(err) === 'disk_full';
  logUnavailable(err, diskFull ? 'disk full' : 'unreachable');
  return Response.json(
    { ...extra, error: diskFull ? DISK_FULL_MESSAGE : UNREACHABLE_MESSAGE },
    // A full disk stays full for longer than a restart takes: ask the dashboard to wait longer.
    { status: 503, headers: { 'Retry-After': diskFull ? '30' : '5', 'Cache-Control': 'no-store' } },
  );
}

// Bump when the shape of an answer changes, so that a client holding an answer from the old code
// is not told by the new code that it is still current (a 304) for the same data.
export const ANSWER_FORMAT = 1;

/**
 * The ETag of an answer: a hash of the data version and the request's path and query, and of
 * nothing about the process, so that every server on one database gives the same ETag for the
 * same answer and a cache in front can revalidate against any of them.
 */
export function etagFor(dataVersion: number, request: Request): string {
  const url = new URL(request.url);
  const hash = createHash('sha256').update(`${ANSWER_FORMAT}\n${dataVersion}\n${url.pathname}${url.search}`).digest('hex').slice(0, 20);
  return `W/"${dataVersion}.${hash}"`;
}
