import 'server-only';
// Drawing the card pictures for the web app, apart from the database's admission: a picture is
// read in a slot and drawn after the slot is given back (lib/server/route.ts cachedReadThen), here, one at
// a time, in a queue of its own. Drawing is 50-100 ms of CPU; in the server's main thread it would
// hold up every other request's JavaScript for that long, so under Next.js it runs in a worker
// thread at a lower priority. Tests and `npm run weekly` draw in the calling thread.
import { Worker } from 'node:worker_threads';
import { Admission, admit, DRAW_LIMITS } from '@/lib/server/admission';
import { renderJob, type DrawJob } from '../weekly/draw-job';

export type { DrawJob };

export type DrawReply = { id: number; png: Uint8Array } | { id: number; error: string };

const globalForDraw = globalThis as unknown as { sidelinesDraw?: Admission };

/** The process-wide drawing queue (its running count is what the tests watch). */
export function drawAdmission(): Admission {
  return (globalForDraw.sidelinesDraw ??= new Admission(DRAW_LIMITS));
}

/** A card as a PNG, once the drawing queue lets it in; throws Busy when it does not. */
export function drawCard(job: DrawJob, signal?: AbortSignal): Promise<Buffer> {
  return admit(signal, () => (process.env.NEXT_RUNTIME ? drawInWorker(job) : renderJob(job)), drawAdmission());
}

interface Pending {
  resolve: (png: Buffer) => void;
  reject: (err: Error) => void;
}

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 0;

function drawWorker(): Worker {
  if (worker) return worker;
  // The URL form is what Next.js bundles as a worker entry of its own.
  const w = new Worker(new URL('./draw-worker.ts', import.meta.url));
  const fail = (err: Error) => {
    if (worker === w) worker = null;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  w.on('message', (m: DrawReply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if ('png' in m) p.resolve(Buffer.from(m.png.buffer, m.png.byteOffset, m.png.byteLength));
    else p.reject(new Error(`drawing failed: ${m.error}`));
    // An idle worker must not keep the process alive.
    if (!pending.size) w.unref();
  });
  // A worker that died is started again by the next picture.
  w.on('error', (err) => fail(new Error(`the drawing thread failed: ${err.message}`)));
  w.on('exit', (code) => fail(new Error(`the drawing thread exited (code ${code})`)));
  w.unref();
  worker = w;
  return w;
}

/** Longer than any picture takes even on a busy machine: past it the thread is stuck, and replaced. */
const DRAW_TIMEOUT_MS = 30_000;

function drawInWorker(job: DrawJob): Promise<Buffer> {
  const w = drawWorker();
  const id = nextId++;
  let timer: NodeJS.Timeout | undefined;
  return new Promise<Buffer>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    timer = setTimeout(() => void w.terminate(), DRAW_TIMEOUT_MS);
    w.ref();
    w.postMessage({ id, job });
  }).finally(() => clearTimeout(timer));
}
