// The embedded database run in a worker thread (db/pglite-worker.mjs), for the web server: PGlite
// executes each query synchronously in the thread it lives in, so in the server's own thread one
// query would stop every other request from being read, timed out or rendered until it is done.
// This is the little of PGlite that the Kysely dialect uses (query and close), over messages.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface ThreadOptions {
  dataDir?: string;
  loadDataDir?: Blob;
}

interface Answer {
  id: number;
  ok: boolean;
  rows?: unknown[];
  affectedRows?: number;
  error?: Record<string, unknown> & { message: string };
}

/** The worker's script: beside this file in the sources, found from the project's root in a build. */
export function workerScript(): string {
  const file = path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'db', 'pglite-worker.mjs');
  if (!fs.existsSync(file)) throw new Error(`cannot start the embedded database: ${file} is missing (start the server from the project's folder)`);
  return file;
}

/** An error sent back as data, made an Error again with the same fields (code, severity, ...). */
function revive(plain: Record<string, unknown> & { message: string }): Error {
  const err = new Error(plain.message);
  Object.assign(err, plain);
  return err;
}

export class PGliteThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private gone: Error | null = null;
  readonly waitReady: Promise<void>;

  constructor(opts: ThreadOptions, loadDataDir?: ArrayBuffer) {
    // Not this process's flags (a loader, --input-type): the script is plain JavaScript.
    this.worker = new Worker(workerScript(), { workerData: { dataDir: opts.dataDir, loadDataDir }, execArgv: [] });
    this.waitReady = new Promise((resolve, reject) => {
      this.pending.set(0, { resolve: () => resolve(), reject });
    });
    this.worker.on('message', (a: Answer) => {
      const waiter = this.pending.get(a.id);
      if (!waiter) return;
      this.pending.delete(a.id);
      if (a.ok) waiter.resolve(a);
      else waiter.reject(revive(a.error ?? { message: 'unknown error in the database thread' }));
    });
    const fail = (why: string) => {
      // Worded as PGlite words a closed database, so that it is a 503 like any other outage.
      this.gone ??= new Error(`PGlite is closed: the embedded database's thread ${why}`);
      for (const w of this.pending.values()) w.reject(this.gone);
      this.pending.clear();
    };
    this.worker.on('error', (err) => fail(`failed: ${err.message}`));
    this.worker.on('exit', (code) => fail(`exited (code ${code})`));
  }

  static async open(opts: ThreadOptions): Promise<PGliteThread> {
    const dump = opts.loadDataDir ? await opts.loadDataDir.arrayBuffer() : undefined;
    const t = new PGliteThread(opts, dump);
    try {
      await t.waitReady;
    } catch (err) {
      await t.worker.terminate();
      throw err;
    }
    return t;
  }

  private send(msg: { op: 'query'; sql: string; params: unknown[] } | { op: 'close' }): Promise<Answer> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...msg });
    });
  }

  async query(sql: string, params: unknown[] = []): Promise<{ rows: unknown[]; affectedRows?: number }> {
    const a = await this.send({ op: 'query', sql, params });
    return { rows: a.rows ?? [], affectedRows: a.affectedRows };
  }

  /** Closes the database (its files are consistent once this returns), then the thread. */
  async close(): Promise<void> {
    if (this.gone) return;
    try {
      await this.send({ op: 'close' });
    } finally {
      await this.worker.terminate();
    }
  }
}
