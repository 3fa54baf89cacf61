// Admission to the database for the web app. A burst of requests larger than the server can
// answer would otherwise pile up inside the pg pool, whose queue has no bound: every request
// would wait, time out together and tie up memory and sockets meanwhile. Instead a few run at
// once, a bounded number wait their turn in order, and the rest get a 503 with Retry-After at
// once, which costs the server no database work and tells the client when to come back.

export interface AdmissionLimits {
  /** Requests using the database at once. */
  concurrency: number;
  /** Requests waiting for one of those slots; one more is turned away at once. */
  queue: number;
  /** How long a request may wait for a slot before it is turned away, ms. */
  maxWaitMs: number;
}

/**
 * The limits on a PostgreSQL server. concurrency is the pg pool's size (db/index.ts): the admitted
 * requests are the ones using its connections. Some reads run queries side by side (a headline's
 * two periods), so the pool may queue a few, but only behind admitted work. 200 may wait: a couple of hundred
 * dashboard clients at once are all queued, none turned away, and at the 90 or so dashboard answers
 * a second a 2-core server gives (RELIABILITY.md) the queue drains within the 5 s a request may
 * wait, which is the pool's own connection timeout.
 */
export const SERVER_LIMITS: AdmissionLimits = { concurrency: 10, queue: 200, maxWaitMs: 5_000 };

/**
 * The limits on the embedded database. PGlite is one connection, run in a thread of its own
 * (db/pglite-thread.ts): its driver runs one query at a time and queues the rest without bound.
 * Admitting ten requests there only interleaves their queries, so each takes ten times as long and
 * the slowest go past any client's patience. Two at a time keep that one connection busy: while one
 * request's query runs in the database's thread, the other's code between its queries runs in the
 * server's (with one, the database waited for it: 32 API answers a second at 50 connections
 * against 43 with two, `npm run loadtest -- --quick`). The wait is in this queue, in order, where it is bounded.
 */
export const EMBEDDED_LIMITS: AdmissionLimits = { concurrency: 2, queue: 200, maxWaitMs: 5_000 };

/** The limits for the database the web app opens: a server when DATABASE_URL is set (lib/server/db.ts). */
export function webLimits(env: Record<string, string | undefined> = process.env): AdmissionLimits {
  return env.DATABASE_URL?.trim() ? SERVER_LIMITS : EMBEDDED_LIMITS;
}

/**
 * The limits on drawing pictures (lib/server/draw.ts), apart from the database's: one at a time,
 * as a second would only share the same core. Twelve clients that ask for pictures without pause
 * all wait (at some 200 ms a picture, under 3 s), and a queue full or a wait past 8 s is a 503 with
 * Retry-After, as the database's is.
 */
export const DRAW_LIMITS: AdmissionLimits = { concurrency: 1, queue: 24, maxWaitMs: 8_000 };

/** Gives the slot back; a second call does nothing. */
export type Release = () => void;

interface Waiter {
  grant: (release: Release) => void;
  refuse: () => void;
}

/** A counting semaphore with a bounded, first-come first-served queue. */
export class Admission {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(readonly limits: AdmissionLimits) {
    if (!(limits.concurrency >= 1) || !(limits.queue >= 0) || !(limits.maxWaitMs >= 0)) {
      throw new RangeError(`admission limits out of range: ${JSON.stringify(limits)}`);
    }
  }

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /**
   * A slot, at once or after waiting; null when the queue is full, the wait ran out, or
   * `signal` (the client going away) aborted while waiting.
   */
  acquire(signal?: AbortSignal): Promise<Release | null> {
    if (signal?.aborted) return Promise.resolve(null);
    if (this.active < this.limits.concurrency) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.limits.queue) return Promise.resolve(null);
    return new Promise((resolve) => {
      const leave = () => {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        clearTimeout(timer);
        signal?.removeEventListener('abort', refuse);
      };
      const refuse = () => {
        leave();
        resolve(null);
      };
      const waiter: Waiter = {
        grant: (release) => {
          leave();
          // The waiter starts in a later turn of the event loop, not straight after the last
          // task: the embedded database runs its queries in this thread, and a queue handed on
          // within one turn would run task after task with no turn for the network or timers
          // between them (no new request read, no wait ever timed out).
          setImmediate(() => resolve(release));
        },
        refuse,
      };
      const timer = setTimeout(refuse, this.limits.maxWaitMs);
      signal?.addEventListener('abort', refuse, { once: true });
      this.waiting.push(waiter);
    });
  }

  private releaser(): Release {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      // The slot passes straight to the longest waiter, so a newcomer cannot take it first
      // (it stays taken while the waiter is about to start).
      const next = this.waiting[0];
      if (next) next.grant(this.releaser());
      else this.active--;
    };
  }
}

/** Thrown by admit() for a request turned away: the queue was full or the wait ran out. */
export class Busy extends Error {
  override name = 'Busy';
  constructor() {
    super('the server is busy: too many requests are waiting for the database');
  }
}

/** The answer to a request turned away: 503, and when to try again. */
export function busy(): Response {
  return Response.json(
    { error: 'the server is busy, try again shortly', detail: 'too many requests are waiting for the database' },
    // Not cached by anything in between: the next request may well be served.
    { status: 503, headers: { 'Retry-After': '2', 'Cache-Control': 'no-store' } },
  );
}

// One per process, whichever route bundle loads this module (as for the database in lib/server/db.ts).
const globalForAdmission = globalThis as unknown as { sidelinesAdmission?: Admission };

export function webAdmission(): Admission {
  return (globalForAdmission.sidelinesAdmission ??= new Admission(webLimits()));
}

/** Makes `admission` the process-wide one: for tests. */
export function setWebAdmission(admission: Admission): void {
  globalForAdmission.sidelinesAdmission = admission;
}

/**
 * Runs `task` once admitted and gives the slot back as soon as it settles; throws Busy without
 * running it when turned away. `signal` is the client: one gone while waiting leaves the queue.
 */
export async function admit<T>(signal: AbortSignal | undefined, task: () => Promise<T>, admission: Admission = webAdmission()): Promise<T> {
  const release = await admission.acquire(signal);
  if (!release) throw new Busy();
  try {
    return await task();
  } finally {
    release();
  }
}
