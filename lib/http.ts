// The JSON answers every route handler gives: data, a 400 that says what is wrong, a 503 when
// the database cannot be reached.
import type { ZodError } from 'zod';

export function json<T>(data: T, init?: ResponseInit): Response {
  return Response.json(data, init);
}

export function badRequest(message: string, issues?: unknown): Response {
  return Response.json({ error: message, ...(issues ? { issues } : {}) }, { status: 400 });
}

export function zodBadRequest(error: ZodError): Response {
  const first = error.issues[0];
  const where = first?.path.length ? first.path.join('.') : 'query';
  return badRequest(`${where}: ${first?.message ?? 'invalid'}`, error.issues);
}

export function unavailable(err: unknown): Response {
  return Response.json(
    { error: 'the database is unavailable, try again shortly', detail: err instanceof Error ? err.message : String(err) },
    { status: 503, headers: { 'Retry-After': '5' } },
  );
}
