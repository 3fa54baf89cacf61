import net from 'node:net';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import type { Database } from '@/db/types';
import { Admission, admit, Busy, EMBEDDED_LIMITS, SERVER_LIMITS, setWebAdmission, webAdmission, webLimits, type Release } from '@/lib/server/admission';
import { setDb } from '@/lib/server/db';
import { EMPTY_FILTERS } from '@/lib/domain/filters';
import { cachedRead, isConnectionError } from '@/lib/server/route';
import { dbKind } from '@/scripts/testing/db';
import { fixtureDb } from '@/scripts/testing/fixture-db';
import { drawAdmission } from '@/lib/server/draw';
import { forgetAnswers } from '@/lib/server/memo';
import { GET as previewGet } from '@/app/api/preview/route';
import { GET as weeklyPngGet } from '@/app/weekly/[week]/image.png/route';
import { firstView } from '@/app/first-view';
import { statsGet } from '@/scripts/testing/stats-route';

const headlineGet = statsGet('headline');

// Drawing is watched from inside: each picture records the database slots and drawing slots in
// use while it is drawn, and may be held until a test lets it finish.
const drawing = vi.hoisted(() => ({
  seen: [] as { dbSlots: number; drawSlots: number }[],
  gate: null as Promise<void> | null,
}));
vi.mock('@/lib/weekly/card', async (importOriginal) => {
  const card = await importOriginal<typeof import('@/lib/weekly/card')>();
  return {
    ...card,
    renderCardPng: async (...args: Parameters<typeof card.renderCardPng>) => {
      // Imported here, not in the factory: lib/server/draw imports this module.
      const [{ webAdmission: db }, { drawAdmission: draw }] = await Promise.all([import('@/lib/server/admission'), import('@/lib/server/draw')]);
      drawing.seen.push({ dbSlots: db().running, drawSlots: draw().running });
      await drawing.gate;
      return card.renderCardPng(...args);
    },
  };
});

const tick = () => new Promise((r) => setTimeout(r, 0));

/** Whether a promise has settled, without waiting for it. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await tick();
  return done;
}

describe('Admission', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('lets `concurrency` requests in at once, queues the next `queue`, and turns the rest away at once', async () => {
    const a = new Admission({ concurrency: 2, queue: 2, maxWaitMs: 60_000 });
    const first = await a.acquire();
    const second = await a.acquire();
    expect(first).toBeTypeOf('function');
    expect(second).toBeTypeOf('function');
    const third = a.acquire();
    const fourth = a.acquire();
    expect(await settled(third)).toBe(false);
    expect([a.running, a.queued]).toEqual([2, 2]);
    expect(await a.acquire()).toBeNull();
    expect([a.running, a.queued]).toEqual([2, 2]);
    first!();
    second!();
    expect(await third).toBeTypeOf('function');
    expect(await fourth).toBeTypeOf('function');
    expect([a.running, a.queued]).toEqual([2, 0]);
  });

  test('hands a freed slot to the longest waiter, not to a newcomer', async () => {
    const a = new Admission({ concurrency: 1, queue: 5, maxWaitMs: 60_000 });
    const order: string[] = [];
    const held = await a.acquire();
    const waiters = ['w1', 'w2', 'w3'].map((name) => a.acquire().then((r) => (order.push(name), r)));
    held!();
    const newcomer = a.acquire().then((r) => (order.push('newcomer'), r));
    for (const w of waiters) (await w)!();
    (await newcomer)!();
    expect(order).toEqual(['w1', 'w2', 'w3', 'newcomer']);
    expect([a.running, a.queued]).toEqual([0, 0]);
  });

  test('a freed slot is handed on in a later turn of the event loop, so that the network and timers get one between tasks', async () => {
    const a = new Admission({ concurrency: 1, queue: 1, maxWaitMs: 60_000 });
    const held = (await a.acquire())!;
    let turned = false;
    const next = a.acquire().then((r) => ({ r, turned }));
    // Queued before the hand-off: it runs first only if the hand-off waits for the loop's next turn.
    setImmediate(() => (turned = true));
    held();
    expect(a.running).toBe(1);
    const { r, turned: before } = await next;
    expect(before).toBe(true);
    r!();
    expect(a.running).toBe(0);
  });

  test('a second release of the same slot frees nothing more', async () => {
    const a = new Admission({ concurrency: 1, queue: 0, maxWaitMs: 60_000 });
    const r1 = (await a.acquire())!;
    r1();
    const r2 = (await a.acquire())!;
    r1();
    expect(a.running).toBe(1);
    expect(await a.acquire()).toBeNull();
    r2();
    expect(a.running).toBe(0);
  });

  test('a wait longer than maxWaitMs is turned away and gives up its place', async () => {
    vi.useFakeTimers();
    const a = new Admission({ concurrency: 1, queue: 1, maxWaitMs: 1_000 });
    const held = (await a.acquire())!;
    const waiting = a.acquire();
    await vi.advanceTimersByTimeAsync(999);
    expect(a.queued).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await waiting).toBeNull();
    expect(a.queued).toBe(0);
    // The place is free again, and the slot still counts as held until it is released.
    const next = a.acquire();
    expect(a.queued).toBe(1);
    held();
    await vi.advanceTimersByTimeAsync(0);
    expect(await next).toBeTypeOf('function');
    expect(a.running).toBe(1);
  });

  test('a client that goes away while waiting leaves the queue; one gone before asking never enters it', async () => {
    const a = new Admission({ concurrency: 1, queue: 1, maxWaitMs: 60_000 });
    const held = (await a.acquire())!;
    const client = new AbortController();
    const waiting = a.acquire(client.signal);
    client.abort();
    expect(await waiting).toBeNull();
    expect(a.queued).toBe(0);
    expect(await a.acquire(AbortSignal.abort())).toBeNull();
    held();
    expect(a.running).toBe(0);
  });

  test('refuses limits that would admit nothing', () => {
    expect(() => new Admission({ concurrency: 0, queue: 10, maxWaitMs: 1 })).toThrow(RangeError);
    expect(() => new Admission({ concurrency: 1, queue: -1, maxWaitMs: 1 })).toThrow(RangeError);
  });

  test('the web limits queue the 200 concurrent clients the load test runs without a 503', () => {
    for (const limits of [SERVER_LIMITS, EMBEDDED_LIMITS]) expect(limits.concurrency + limits.queue).toBeGreaterThanOrEqual(200);
  });

  test('the embedded database, one connection in a thread of its own, admits two requests at a time (one running its query, one between queries); a server, its pool', () => {
    expect(webLimits({})).toBe(EMBEDDED_LIMITS);
    expect(EMBEDDED_LIMITS.concurrency).toBe(2);
    expect(webLimits({ DATABASE_URL: 'postgres://u@h/d' })).toBe(SERVER_LIMITS);
    expect(SERVER_LIMITS.concurrency).toBe(10);
  });

  test('admit runs the task in a slot and gives it back, also when the task fails; turned away, it throws Busy', async () => {
    const a = new Admission({ concurrency: 1, queue: 0, maxWaitMs: 60_000 });
    expect(await admit(undefined, async () => a.running, a)).toBe(1);
    await expect(admit(undefined, () => Promise.reject(new Error('boom')), a)).rejects.toThrow('boom');
    expect(a.running).toBe(0);
    const held = (await a.acquire())!;
    const task = vi.fn(async () => 1);
    await expect(admit(undefined, task, a)).rejects.toBeInstanceOf(Busy);
    expect(task).not.toHaveBeenCalled();
    held();
  });
});

describe(`pages and pictures take their turn on the ${dbKind} database`, () => {
  fixtureDb({ serve: true });

  afterEach(() => {
    drawing.gate = null;
    drawing.seen.length = 0;
    setWebAdmission(new Admission(webLimits()));
    // Each test draws its pictures, not the memo's of the test before (lib/server/memo.ts).
    forgetAnswers();
  });

  test("the dashboard's first view waits in the same queue as the API's requests, and is turned away as they are", async () => {
    const admission = new Admission({ concurrency: 1, queue: 1, maxWaitMs: 60_000 });
    setWebAdmission(admission);
    const held = (await admission.acquire())!;
    const view = firstView(EMPTY_FILTERS);
    await vi.waitFor(() => expect(admission.queued).toBe(1));
    // The queue is full now: an API request behind the page is turned away.
    expect((await headlineGet(new Request('http://localhost/api/stats/headline'))).status).toBe(503);
    held();
    const read = await view;
    expect('data' in read && read.data.events.events.length).toBeGreaterThan(0);
    expect([admission.running, admission.queued]).toEqual([0, 0]);

    // With no room to wait, the page is told so instead of reading around the queue.
    setWebAdmission(new Admission({ concurrency: 1, queue: 0, maxWaitMs: 60_000 }));
    const full = webAdmission();
    const holder = (await full.acquire())!;
    expect(await firstView(EMPTY_FILTERS)).toEqual({ away: 'busy' });
    holder();
  });

  test('pictures are drawn after their database slot is given back, one at a time in a queue of their own', async () => {
    const weekly = await weeklyPngGet(new Request('http://localhost/weekly/2023-W38/image.png'), { params: Promise.resolve({ week: '2023-W38' }) });
    expect(weekly.status).toBe(200);
    const preview = await previewGet(new Request('http://localhost/api/preview?country=VE'));
    expect(preview.status).toBe(200);
    expect(drawing.seen).toEqual([
      { dbSlots: 0, drawSlots: 1 },
      { dbSlots: 0, drawSlots: 1 },
    ]);
  });

  test('a picture being drawn keeps no API request waiting, even with one database slot', async () => {
    setWebAdmission(new Admission({ concurrency: 1, queue: 5, maxWaitMs: 60_000 }));
    let open = () => {};
    drawing.gate = new Promise<void>((r) => (open = r));
    const png = weeklyPngGet(new Request('http://localhost/weekly/2023-W38/image.png'), { params: Promise.resolve({ week: '2023-W38' }) });
    await vi.waitFor(() => expect(drawing.seen).toHaveLength(1));
    const api = await headlineGet(new Request('http://localhost/api/stats/headline'));
    expect(api.status).toBe(200);
    expect(drawAdmission().running).toBe(1);
    open();
    expect((await png).status).toBe(200);
    expect(drawAdmission().running).toBe(0);
  });
});

describe('cachedRead under load', () => {
  const hold: Release[] = [];
  const blackHole = net.createServer(() => {
    // Accepts the connection and never answers, as a database too busy to do so.
  });
  let pool: pg.Pool | undefined;

  afterEach(() => {
    for (const r of hold.splice(0)) r();
    setWebAdmission(new Admission(webLimits()));
  });

  afterAll(async () => {
    await pool?.end().catch(() => {});
    blackHole.close();
  });

  test('a request beyond the admission limit is a 503 with Retry-After and a JSON error, and its query never runs', async () => {
    // A database nobody answers at, so that a request let through would be a different 503.
    const refused = new pg.Pool({ host: '127.0.0.1', port: 1, user: 'x', database: 'x' });
    setDb(new Kysely<Database>({ dialect: new PostgresDialect({ pool: refused }) }));
    const admission = new Admission({ concurrency: 1, queue: 0, maxWaitMs: 60_000 });
    setWebAdmission(admission);
    hold.push((await admission.acquire())!);
    const produce = vi.fn(async () => Response.json({ ok: true }));
    const res = await cachedRead(new Request('http://localhost/api/stats/headline'), produce);
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(await res.json()).toMatchObject({ error: expect.stringMatching(/busy/) });
    expect(produce).not.toHaveBeenCalled();
  });

  test('a pool that cannot hand out a connection in time is a 503, not a 500', async () => {
    await new Promise<void>((r) => blackHole.listen(0, '127.0.0.1', () => r()));
    const { port } = blackHole.address() as net.AddressInfo;
    pool = new pg.Pool({ host: '127.0.0.1', port, user: 'x', database: 'x', max: 1, connectionTimeoutMillis: 200 });
    // The first waits for the one connection, which never comes up; the second waits for the
    // first to give it back. These are the two errors pg gives, whatever the message of the 503.
    const errors = await Promise.all([pool.connect(), pool.connect()].map((p) => p.then(() => null, (err: unknown) => err)));
    expect(errors.map((e) => (e as Error).message).sort()).toEqual(['Connection terminated due to connection timeout', 'timeout exceeded when trying to connect']);
    expect(errors.every(isConnectionError)).toBe(true);

    setDb(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }));
    const answers = await Promise.all(
      [1, 2].map(() => cachedRead(new Request('http://localhost/api/stats/headline'), async () => Response.json({ ok: true }))),
    );
    expect(answers.map((r) => r.status)).toEqual([503, 503]);
    expect(answers.every((r) => r.headers.get('Retry-After'))).toBe(true);
  });
});
