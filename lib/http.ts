// The JSON answers every route handler gives: data, a 400 that says what is wrong, a 503 when
// the database cannot be reached, a 500 that gives nothing away.
import type { ZodError } from 'zod';

// A list of ten thousand bad codes would otherwise answer with ten thousand issues.
const MAX_ISSUES = 10;

export function json<T>(data: T, init?: ResponseInit): Response {
  return Response.json(data, init);
}

export function badRequest(message: string, issues?: unknown): Response {
  return Response.json({ error: message, ...(issues ? { issues } : {}) }, { status: 400 });
}

export function zodBadRequest(error: ZodError): Response {
  const first = error.issues[0];
  const where = first?.path.length ? first.path.join('.') : 'query';
  return badRequest(`${where}: ${first?.message ?? 'invalid'}`, error.issues.slice(0, MAX_ISSUES));
}

/** A bug, not the client's doing: logged here, and no message, stack or SQL in the answer. */
export function serverError(err: unknown): Response {
  console.error('request failed', err);
  return Response.json({ error: 'internal error' }, { status: 500 });
}

export function unavailable(err: unknown): Response {
  return Response.json(
    { error: 'the database is unavailable, try again shortly', detail: err instanceof Error ? err.message : String(err) },
    { status: 503, headers: { 'Retry-After': '5' } },
  );
}
