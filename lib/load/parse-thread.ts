// Prepares posts in a worker thread (see parse-worker.ts): one batch at a time, in order.
import { Worker } from 'node:worker_threads';
import type { Prepared, PrepareOptions } from './prepare';
import type { RawPost } from '@/lib/ingest/types';

export interface ParseThread {
  prepare(posts: RawPost[], opts: PrepareOptions): Promise<Prepared[]>;
  close(): Promise<void>;
}

type Pending = { posts: RawPost[]; resolve: (p: Prepared[]) => void; reject: (e: Error) => void };

export function startParseThread(): ParseThread {
  const worker = new Worker(new URL('./parse-worker.mjs', import.meta.url));
  worker.unref();
  const pending = new Map<number, Pending>();
  let next = 0;
  let failure: Error | null = null;
  const failAll = (err: Error) => {
    failure = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('message', (m: { id: number; prepared?: Omit<Prepared, 'raw'>[]; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error !== undefined || !m.prepared) p.reject(new Error(`parse thread: ${m.error ?? 'no answer'}`));
    // One prepared post per post sent, in order.
    else p.resolve(m.prepared.map((x, i) => ({ ...x, raw: p.posts[i]! })));
  });
  worker.on('error', (err) => failAll(new Error(`parse thread failed: ${err.message}`)));
  worker.on('exit', (code) => failAll(failure ?? new Error(`parse thread exited (code ${code})`)));
  return {
    prepare(posts, opts) {
      if (failure) return Promise.reject(failure);
      const id = next++;
      return new Promise<Prepared[]>((resolve, reject) => {
        pending.set(id, { posts, resolve, reject });
        worker.ref();
        worker.postMessage({ id, posts, opts });
      }).finally(() => {
        if (!pending.size) worker.unref();
      });
    },
    async close() {
      failure ??= new Error('parse thread: closed');
      await worker.terminate();
    },
  };
}
