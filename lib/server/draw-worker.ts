// The drawing thread of the web app (lib/server/draw.ts): draws one card at a time and sends the
// PNG back.
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { renderJob } from '../weekly/draw-job';
import type { DrawReply } from './draw';
import type { DrawJob } from '../weekly/draw-job';

// Below the server's main thread: when the CPU is short, the API and the pages go first and the
// pictures wait. On Linux the nice value is per thread, so this lowers this thread alone.
try {
  os.setPriority(10);
} catch {
  // Not allowed here: the pictures still draw, at the same priority as everything else.
}

parentPort?.on('message', ({ id, job }: { id: number; job: DrawJob }) => {
  renderJob(job).then(
    (png) => parentPort?.postMessage({ id, png: new Uint8Array(png) } satisfies DrawReply),
    (err: unknown) => parentPort?.postMessage({ id, error: err instanceof Error ? err.message : String(err) } satisfies DrawReply),
  );
});
