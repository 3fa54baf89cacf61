import 'server-only';
// How the web app reads its database, routes and pages alike: one admitted read (lib/server/admission.ts)
// at a time per slot, and for routes the shape around it: parse the query with the filter schema
// (400 on bad input), read (503 when the database cannot be reached or too many are waiting),
// answer.
import type { Kysely } from 'kysely';
import type { Database } from '@/db/types';
import { dataVersion } from '@/db/queries/version';
import { admit, Busy, busy } from '@/lib/server/admission';
import { getDb } from '@/lib/server/db';
import { memos } from '@/lib/server/memo';
import { parseFilters, type Filters } from '@/lib/domain/filters';
import { withSearch } from '@/lib/server/search';
import { badRequest, databaseFailure, etagFor, json, publicDatabaseMessage, serverError, unavailable, zodBadRequest } from '@/lib/server/http';

export class BadParam extends Error {}

/** The largest id a table has: ids are PostgreSQL `serial`, a 32-bit integer. */
export const MAX_ID = 2_147_483_647;

function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => t.trim() === etag || t.trim() === '*');
}

/** The database could not be opened (a server that is down, an embedded folder in use). */
export class Unavailable extends Error {
  override name = 'Unavailable';
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/**
 * One read of the database, the way every route and every page reads it: `read` runs once this
 * request is admitted, and the slot is given back as soon as it settles, so that whatever the
 * caller does with the data afterwards (render a page, draw a picture) holds up no one's reads.
 * Throws Busy when turned away, Unavailable when the database cannot be opened, and whatever
 * `read` throws (isUnavailable() tells a lost connection from a bug).
 */
export function readDatabase<T>(read: (db: Kysely<Database>) => Promise<T>, signal?: AbortSignal): Promise<T> {
  return admit(signal, async () => {
    let db: Kysely<Database>;
    try {
      db = await getDb();
    } catch (err) {
      throw new Unavailable(err);
    }
    return read(db);
  });
}

/** What a page shows instead of its data: too many waiting, or the database is away. */
export type PageAway = { away: 'busy' } | { away: 'unavailable'; message: string };

/**
 * readDatabase for a page, which cannot answer a 503 itself: the data, or why there is none, for
 * the page to say so (and ask again). Any other failure is a bug and still throws, to error.tsx.
 * With `memoKey` (what the view is: its page and its filters), the data read for the same view of
 * the same data version is given again without its queries (lib/server/memo.ts).
 */
export async function pageRead<T>(read: (db: Kysely<Database>) => Promise<T>, memoKey?: string): Promise<{ data: T } | PageAway> {
  try {
    const memo = memoKey === undefined ? undefined : memos()?.pages;
    return {
      data: await readDatabase(async (db) => {
        if (!memo) return read(db);
        // The same view of the same data version is the same data (lib/server/memo.ts).
        const key = `${await dataVersion(db)}|${memoKey}`;
        const known = memo.get(key);
        if (known !== undefined) return known as T;
        const value = await read(db);
        memo.set(key, value);
        return value;
      }),
    };
  } catch (err) {
    if (err instanceof Busy) return { away: 'busy' };
    if (!isUnavailable(err)) throw err;
    console.error('page read failed: the database is unavailable', err);
    // The page shows what to do; what went wrong is in the log line above, never on the page.
    return { away: 'unavailable', message: publicDatabaseMessage(err) };
  }
}

type Revalidated<T> = { answer: Response } | { etag: string; value: T };

/**
 * readDatabase with HTTP revalidation: the data version makes the ETag, and a request that already
 * holds it gets a 304 without its query running.
 */
async function revalidatedRead<T>(
  request: Request,
  read: (db: Kysely<Database>) => Promise<T>,
  known?: (etag: string) => Response | undefined,
): Promise<Revalidated<T>> {
  try {
    return await readDatabase(async (db): Promise<Revalidated<T>> => {
      const etag = etagFor(await dataVersion(db), request);
      if (etagMatches(request.headers.get('if-none-match'), etag)) {
        return { answer: new Response(null, { status: 304, headers: { ETag: etag, 'Cache-Control': 'no-cache' } }) };
      }
      const made = known?.(etag);
      if (made) return { answer: made };
      return { etag, value: await read(db) };
    }, request.signal);
  } catch (err) {
    return { answer: failure(err) };
  }
}

/**
 * A BadParam is a 400 that says which parameter; a database that cannot be reached, or too many
 * requests already waiting for it, is a 503; any other failure is a JSON 500 that names no detail.
 */
function failure(err: unknown): Response {
  if (err instanceof BadParam) return badRequest(err.message);
  if (err instanceof Busy) return busy();
  if (err instanceof Unavailable) return unavailable(err.cause);
  if (isConnectionError(err)) return unavailable(err);
  return serverError(err);
}

function withEtag(res: Response, etag: string): Response {
  if (res.ok) {
    res.headers.set('ETag', etag);
    if (!res.headers.has('Cache-Control')) res.headers.set('Cache-Control', 'no-cache');
  }
  return res;
}

/** Answers already made, by ETag (lib/server/memo.ts): given again without reading or making them. */
export interface AnswerMemo {
  get(etag: string): Response | undefined;
  set(etag: string, answer: Response): Promise<void>;
}

/**
 * A route's answer made inside its read (JSON: cheap to make), with revalidation; with `memo`, an
 * answer already made for the same ETag is given again without its queries.
 */
export async function cachedRead(request: Request, produce: (db: Kysely<Database>) => Promise<Response>, memo?: AnswerMemo): Promise<Response> {
  const r = await revalidatedRead(request, produce, memo && ((etag) => memo.get(etag)));
  if ('answer' in r) return r.answer;
  const made = withEtag(r.value, r.etag);
  if (memo && made.status === 200) await memo.set(r.etag, made.clone());
  return made;
}

/**
 * A route whose answer takes long to make from its data (a picture): the data is read in the
 * slot, and `answer` runs after the slot is given back. Busy thrown by `answer` (a queue of its
 * own, full) is a 503 too. With `memo`, an answer already made for the same ETag (the same data
 * version, path and query) is given again without reading or making it.
 */
export async function cachedReadThen<T>(
  request: Request,
  read: (db: Kysely<Database>) => Promise<T>,
  answer: (data: T) => Promise<Response>,
  memo?: AnswerMemo,
): Promise<Response> {
  const r = await revalidatedRead(request, read, memo && ((etag) => memo.get(etag)));
  if ('answer' in r) return r.answer;
  try {
    const made = withEtag(await answer(r.value), r.etag);
    if (memo && made.status === 200) await memo.set(r.etag, made.clone());
    return made;
  } catch (err) {
    return failure(err);
  }
}

export async function filteredRoute<T>(
  request: Request,
  run: (db: Kysely<Database>, filters: Filters, params: URLSearchParams) => Promise<T>,
): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const parsed = parseFilters(params);
  if (!parsed.ok) return zodBadRequest(parsed.error);
  return cachedRead(request, async (db) => json(await run(db, withSearch(parsed.filters), params)), memos()?.json);
}

/** Errors that mean the database is away, as opposed to a bug in a query. */
export function isUnavailable(err: unknown): boolean {
  return err instanceof Unavailable || isConnectionError(err);
}

/** Errors of a connection that failed or was lost on the way. */
// db/errors.ts classifies: a lost or refused connection, and a full disk too (a query that
// cannot write its temporary files, a PGlite that died of it), is the database not serving, a 503
// that says why; only what is neither is a bug and a 500.
export function isConnectionError(err: unknown): boolean {
  return databaseFailure(err) !== null;
}

/** An integer query parameter within bounds, or a BadParam saying which and why. */
export function intParam(params: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const v = params.get(name);
  if (v === null || v === '') return fallback;
  if (!/^\d{1,6}$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new BadParam(`${name}: must be a whole number from ${min} to ${max}`);
  }
  return Number(v);
}
