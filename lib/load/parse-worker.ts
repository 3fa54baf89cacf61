// A worker thread that prepares batches of posts (hash, language, parsed events) for the ingest,
// so that parsing runs beside the thread that writes to the database, on a core of its own.
import { parentPort } from 'node:worker_threads';
import { prepareAll, type PrepareOptions } from './prepare';
import type { RawPost } from '@/lib/ingest/types';

export interface ParseRequest {
  id: number;
  posts: RawPost[];
  opts: PrepareOptions;
}

parentPort?.on('message', ({ id, posts, opts }: ParseRequest) => {
  try {
    // The posts stay with the caller: only what was made of them comes back.
    const prepared = prepareAll(posts, opts).map(({ raw: _raw, ...rest }) => rest);
    parentPort!.postMessage({ id, prepared });
  } catch (err) {
    parentPort!.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
