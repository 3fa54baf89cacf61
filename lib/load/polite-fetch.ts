// HTTP for reading other people's sites: one request at a time, a pause between requests, a user
// agent that says who is asking, and what the site says about waiting (429 and Retry-After)
// honoured. A server error or a broken connection is tried again a few times, after longer
// pauses each time; then the failure is the caller's, with the address and the status in it.

export const USER_AGENT = 'Sidelines/1.0 (reads public channel pages for a diplomacy dashboard; one request at a time)';

export interface PoliteOptions {
  /** Pause between the end of one request and the start of the next. */
  delayMs?: number;
  /** Tries after the first, on a 5xx answer or a connection that fails. */
  retries?: number;
  /** The longest wait a Retry-After may ask for; longer is a failure that says when to come back. */
  maxWaitMs?: number;
  userAgent?: string;
  /** How to wait (tests make it instant); by default a timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** Told of every wait, with its reason: progress lines. */
  onWait?: (ms: number, why: string) => void;
  /** Time allowed for one answer. */
  timeoutMs?: number;
}

export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    message: string,
    readonly status: number | null,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface PoliteFetcher {
  /** The body of a 200 answer as text; a FetchError otherwise. */
  text(url: string, headers?: Record<string, string>): Promise<{ body: string; contentType: string | null; url: string }>;
  /** Requests made, tries included. */
  readonly requests: number;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/** Seconds, or an HTTP date, as milliseconds from now; null when neither. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function politeFetcher(opts: PoliteOptions = {}): PoliteFetcher {
  const delayMs = opts.delayMs ?? 1500;
  const retries = opts.retries ?? 4;
  const maxWaitMs = opts.maxWaitMs ?? 5 * 60_000;
  const wait = opts.sleep ?? sleep;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let last = 0;
  let requests = 0;
  // One request at a time, whoever asks.
  let queue: Promise<unknown> = Promise.resolve();

  async function once(url: string, headers: Record<string, string>): Promise<Response> {
    const since = Date.now() - last;
    if (last && since < delayMs) await wait(delayMs - since, opts.signal);
    requests++;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    try {
      return await fetch(url, { headers: { 'User-Agent': opts.userAgent ?? USER_AGENT, Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', ...headers }, signal, redirect: 'follow' });
    } finally {
      last = Date.now();
    }
  }

  async function text(url: string, headers: Record<string, string> = {}) {
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await once(url, headers);
      } catch (err) {
        if (opts.signal?.aborted) throw err;
        if (attempt >= retries) throw new FetchError(`${url}: ${(err as Error).message || String(err)} (after ${attempt + 1} tries)`, null, { cause: err });
        const ms = delayMs * 2 ** (attempt + 1);
        opts.onWait?.(ms, `${url}: ${(err as Error).message || 'connection failed'}; trying again`);
        await wait(ms, opts.signal);
        continue;
      }
      if (res.status === 200) {
        const body = await res.text();
        return { body, contentType: res.headers.get('content-type'), url: res.url || url };
      }
      // The body is not wanted; reading it lets the connection be reused.
      await res.arrayBuffer().catch(() => undefined);
      if (res.status === 429 || res.status === 503) {
        const asked = retryAfterMs(res.headers.get('retry-after'));
        const ms = asked ?? delayMs * 2 ** (attempt + 2);
        if (ms > maxWaitMs) throw new FetchError(`${url}: ${res.status}: the site asks to wait ${Math.ceil(ms / 1000)} s; run again later`, res.status);
        if (attempt >= retries + 2) throw new FetchError(`${url}: ${res.status} after ${attempt + 1} tries; run again later`, res.status);
        opts.onWait?.(ms, `${url}: ${res.status}${asked !== null ? `, Retry-After ${Math.ceil(ms / 1000)} s` : ''}`);
        await wait(ms, opts.signal);
        continue;
      }
      if (res.status >= 500 && attempt < retries) {
        const ms = delayMs * 2 ** (attempt + 1);
        opts.onWait?.(ms, `${url}: ${res.status}; trying again`);
        await wait(ms, opts.signal);
        continue;
      }
      throw new FetchError(`${url}: HTTP ${res.status}${res.status === 404 ? ' (no such page: is the channel public, and its name right?)' : ''}`, res.status);
    }
  }

  return {
    text(url, headers) {
      const run = queue.then(() => text(url, headers));
      queue = run.catch(() => undefined);
      return run;
    },
    get requests() {
      return requests;
    },
  };
}
