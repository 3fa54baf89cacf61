// The one way the browser asks the JSON routes: errors keep their HTTP status so panels can say
// "the database is unavailable" (503) apart from "this filter is wrong" (400).
import { filtersToQuery, type Filters } from '@/lib/domain/filters';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
    /** Seconds the server asked us to wait (Retry-After), when it said so. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

/** `/api/...?filters&extra`, defaults left out, in the filter contract's key order. */
export function apiUrl(path: string, filters: Filters, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams(filtersToQuery(filters));
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) params.set(k, v);
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError('the server cannot be reached', 0);
  }
  if (!res.ok) {
    let message = res.statusText || `HTTP ${res.status}`;
    try {
      const body = (await res.json()) as { error?: unknown };
      if (typeof body.error === 'string') message = body.error;
    } catch {
      // Not JSON (a proxy's error page): the status line says enough.
    }
    const retryAfter = Number(res.headers.get('retry-after'));
    throw new ApiError(message, res.status, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
  }
  return (await res.json()) as T;
}

function isUnavailableError(error: Error | null): error is ApiError {
  return error instanceof ApiError && (error.status === 503 || error.status === 0);
}

/** Retry an unavailable database once at once (then the panel says so); never retry a bad request. */
export function shouldRetry(failureCount: number, error: Error): boolean {
  if (isUnavailableError(error)) return failureCount < 1;
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function retryDelay(failureCount: number, error: Error): number {
  if (error instanceof ApiError && error.retryAfter) return Math.min(error.retryAfter, 5) * 1000;
  return Math.min(1000 * 2 ** failureCount, 10_000);
}

/**
 * While the database is away, ask again every few seconds (or as Retry-After says), so the page
 * recovers by itself when it returns; otherwise no polling.
 */
export function refetchWhileUnavailable(query: { state: { error: Error | null } }): number | false {
  const error = query.state.error;
  return isUnavailableError(error) ? Math.min(Math.max(error.retryAfter ?? 5, 1), 30) * 1000 : false;
}

/** Options every query of this folder shares. */
export const retryOptions = { retry: shouldRetry, retryDelay, refetchInterval: refetchWhileUnavailable } as const;
