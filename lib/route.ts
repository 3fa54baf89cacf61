import 'server-only';
// The shape of every filtered route: parse the query with the filter schema (400 on bad input),
// run one query on the database (503 when it cannot be reached), answer JSON.
import type { Kysely } from 'kysely';
import type { Database } from '@/db/types';
import { dataVersion } from '@/db/queries/version';
import { admitted } from '@/lib/admission';
import { getDb } from '@/lib/db';
import { parseFilters, type Filters } from '@/lib/filters';
import { badRequest, json, serverError, unavailable, zodBadRequest } from '@/lib/http';

export class BadParam extends Error {}

/** The largest id a table has: ids are PostgreSQL `serial`, a 32-bit integer. */
export const MAX_ID = 2_147_483_647;

// Part of every ETag, so that a new server (new code) never answers 304 for an old answer.
const BOOT = Date.now().toString(36);

function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => t.trim() === etag || t.trim() === '*');
}

/**
 * A read of the database with HTTP revalidation: the answer carries an ETag made of the data
 * version, and a request that already holds it gets a 304 without its query running. A BadParam
 * is a 400 that says which parameter; a database that cannot be reached, or too many requests
 * already waiting for it (lib/admission.ts), is a 503; any other failure is a JSON 500 that
 * names no detail.
 */
export async function cachedRead(request: Request, produce: (db: Kysely<Database>) => Promise<Response>): Promise<Response> {
  return admitted(request.signal, () => readThrough(request, produce));
}

async function readThrough(request: Request, produce: (db: Kysely<Database>) => Promise<Response>): Promise<Response> {
  let db: Kysely<Database>;
  try {
    db = await getDb();
  } catch (err) {
    return unavailable(err);
  }
  try {
    const etag = `W/"${await dataVersion(db)}.${BOOT}"`;
    if (etagMatches(request.headers.get('if-none-match'), etag)) {
      return new Response(null, { status: 304, headers: { ETag: etag, 'Cache-Control': 'no-cache' } });
    }
    const res = await produce(db);
    if (res.ok) {
      res.headers.set('ETag', etag);
      if (!res.headers.has('Cache-Control')) res.headers.set('Cache-Control', 'no-cache');
    }
    return res;
  } catch (err) {
    if (err instanceof BadParam) return badRequest(err.message);
    if (isConnectionError(err)) return unavailable(err);
    return serverError(err);
  }
}

export async function filteredRoute<T>(
  request: Request,
  run: (db: Kysely<Database>, filters: Filters, params: URLSearchParams) => Promise<T>,
): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const parsed = parseFilters(params);
  if (!parsed.ok) return zodBadRequest(parsed.error);
  return cachedRead(request, async (db) => json(await run(db, parsed.filters, params)));
}

/** Errors that mean the database is away, as opposed to a bug in a query. */
export function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? '';
  const message = err instanceof Error ? err.message : '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08006', '08001', '08003'].includes(code) ||
    /connect|terminat|Connection|closed|PGlite is closed/i.test(message)
  );
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
