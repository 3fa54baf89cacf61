import 'server-only';
// The dashboard's server stores the runs of the ingest and reparse commands when it holds the
// embedded database's folder: a command cannot open the folder then (db/lock.ts), so it hands its
// run over a Unix socket in the folder (lib/load/socket-protocol.ts). The socket is the owner's
// alone (0600): only the user this server runs as may connect and store through it, and
// nothing listens on the network. A server on DATABASE_URL has no socket: commands open the
// server database themselves.
//
// A run is storeBatches (or reparseAll) on the web app's own database in one read-write
// transaction, the one write the web app makes; its session stays read-only for everything
// else. While it runs the dashboard's reads wait (PGlite is one connection). Runs go one at a
// time, in the order they came.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { configFromEnv, type Database } from '@/db';
import { diskFullLine } from '@/db/errors';
import {
  ConnectionClosed,
  decodeClientMessage,
  MessageSocket,
  PROTOCOL_VERSION,
  ProtocolError,
  socketPath,
  type ClientMessage,
  type ServerMessage,
} from '@/lib/load/socket-protocol';
import { reparseAll, storeBatches, vacuumAfter, type PostBatch, type StoreSummary } from '@/lib/load/store';
import { syncSources } from '@/lib/load/sync';
import { getDb } from '@/lib/server/db';

/** How long a command has to say what it wants once connected. */
const REQUEST_MS = 30_000;
/**
 * How long a run waits for the command's next batch. The dashboard's reads wait while a run is
 * open, so a command that stops sending (suspended, stuck on its input) must not hold it for long.
 */
export const DEFAULT_IDLE_MS = 60_000;
/** The longest socket path the system takes (sun_path: 108 bytes on Linux, 104 on macOS, with its NUL). */
const MAX_SOCKET_PATH = 103;

export interface IngestSocket {
  readonly path: string;
  /** Stops listening and removes the socket file; a run under way goes on to its end. */
  close(): Promise<void>;
}

type Conn = MessageSocket<ClientMessage, ServerMessage>;

/** The message a command prints for a failed run: one line, a full disk said as the command says it. */
function failureLine(err: unknown): string {
  const message = diskFullLine(err) ?? (err instanceof Error ? err.message : String(err));
  return message.split('\n')[0]!;
}

/**
 * Listens on `<dataDir>/sidelines.sock` and stores the runs handed to it in `db`, which must be
 * the database of that folder, opened by this process.
 */
export async function listenForRuns(db: Kysely<Database>, dataDir: string, opts: { idleMs?: number } = {}): Promise<IngestSocket> {
  const idleMs = opts.idleMs ?? DEFAULT_IDLE_MS;
  const file = socketPath(dataDir);
  const open = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    const conn: Conn = new MessageSocket(socket, decodeClientMessage);
    void serve(conn).catch((err: unknown) => {
      console.error(`ingest socket: ${failureLine(err)}`);
      conn.destroy();
    });
  });

  async function serve(conn: Conn): Promise<void> {
    await conn.send({ type: 'hello', v: PROTOCOL_VERSION });
    let request: ClientMessage;
    try {
      request = await conn.receive(REQUEST_MS);
    } catch (err) {
      if (err instanceof ProtocolError) await conn.send({ type: 'error', message: err.message }).catch(() => {});
      // A probe, or a command that went away: nothing to do.
      conn.destroy();
      return;
    }
    if (request.type === 'sync') {
      // Read the pages outside the turn (no transaction is open meanwhile); store in it.
      await sync(conn, request);
      return;
    }
    if (request.type !== 'store' && request.type !== 'reparse') {
      await conn.send({ type: 'error', message: `a run begins with store, reparse or sync, not ${request.type}` });
      conn.end();
      return;
    }
    // One run at a time: the next starts when this one has committed or rolled back.
    const mine = inTurn(() => run(conn, request));
    await mine;
  }

  async function sync(conn: Conn, request: Extract<ClientMessage, { type: 'sync' }>): Promise<void> {
    const runDb = db.withPlugin(new StopWhenGone(conn));
    try {
      const summary = await syncSources(runDb, request.sources, {
        since: request.options.since,
        delayMs: request.options.delayMs,
        telegramBase: process.env.SIDELINES_TELEGRAM_URL?.trim() || undefined,
        stateDir: dataDir,
        store: { replaceSample: request.options.replaceSample, readWrite: true },
        onProgress: (line) => void conn.send({ type: 'note', line }).catch(() => {}),
        onWait: (ms, why) => void conn.send({ type: 'note', line: `${why}; waiting ${(ms / 1000).toFixed(1)} s` }).catch(() => {}),
        inTurn,
      });
      await conn.send({ type: 'synced', summary }).catch(() => {});
    } catch (err) {
      console.warn(`ingest socket: a sync was not stored: ${failureLine(err)}`);
      await conn.send({ type: 'error', message: failureLine(err) }).catch(() => {});
    }
    conn.end();
  }

  async function run(conn: Conn, request: Extract<ClientMessage, { type: 'store' | 'reparse' }>): Promise<void> {
    // A command that gave up while it waited for its turn has nothing to store.
    if (conn.isClosed) return;
    let summary: StoreSummary;
    // Every statement of the run through this: once the command is gone, the next one fails and
    // the run rolls back, wherever it is (a reparse, the last steps after the end of the posts).
    const runDb = db.withPlugin(new StopWhenGone(conn));
    const onProgress = (phase: string, done: number, total: number) => void conn.send({ type: 'progress', phase, done, total }).catch(() => {});
    const fail = async (err: unknown) => {
      await conn.send({ type: 'error', message: failureLine(err) }).catch(() => {});
      conn.end();
    };
    try {
      summary =
        request.type === 'reparse'
          ? await reparseAll(runDb, { ...request.options, readWrite: true, onProgress })
          : await storeBatches(runDb, batchesFrom(conn, idleMs), { ...request.options, readWrite: true, onProgress });
    } catch (err) {
      // Said in the server's log too: the command that would have printed it may be gone.
      console.warn(`ingest socket: a run was rolled back: ${failureLine(err)}`);
      return fail(err);
    }
    if (request.type === 'store') {
      try {
        await vacuumAfter(db, summary);
      } catch (err) {
        // Committed, but a failure all the same, as it is in a run of its own.
        return fail(err);
      }
    }
    await conn.send({ type: 'done', summary }).catch(() => {});
    conn.end();
  }

  await listenPrivately(server, file);
  const ours = fs.statSync(file).ino;
  // The socket file goes when the server does; a server killed outright leaves it, and the next
  // one replaces it (listenPrivately).
  const removeFile = () => {
    try {
      if (fs.statSync(file).ino === ours) fs.unlinkSync(file);
    } catch {
      // gone already
    }
  };
  process.on('exit', removeFile);
  return {
    path: file,
    async close() {
      process.off('exit', removeFile);
      removeFile();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await writes.sidelinesWriteTurn;
      for (const s of open) s.destroy();
    },
  };
}

// The server's writes, one at a time in the order they came: runs handed over, syncs of its own.
const writes = globalThis as unknown as { sidelinesWriteTurn?: Promise<unknown> };

/** Runs `f` when every write before it has committed or rolled back. */
export function inTurn<T>(f: () => Promise<T>): Promise<T> {
  const mine = (writes.sidelinesWriteTurn ?? Promise.resolve()).then(f);
  writes.sidelinesWriteTurn = mine.catch(() => {});
  return mine;
}

/** Fails every statement once the connection of the run's command has closed. */
class StopWhenGone implements KyselyPlugin {
  constructor(private readonly conn: Conn) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.conn.isClosed) throw new Error('the command went away during its run: nothing of the run was written');
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/**
 * The command's batches, each asked for when storeBatches wants it. A connection that closes, a
 * command that aborts or goes silent, ends the run with an error, so its transaction rolls back.
 */
async function* batchesFrom(conn: Conn, idleMs: number): AsyncGenerator<PostBatch> {
  for (;;) {
    let m: ClientMessage;
    try {
      await conn.send({ type: 'pull' });
      m = await conn.receive(idleMs);
    } catch (err) {
      if (err instanceof ConnectionClosed) throw new Error(`the command stopped sending its posts (${err.message}): nothing of the run was written`, { cause: err });
      throw err;
    }
    if (m.type === 'end') return;
    if (m.type === 'abort') throw new Error(m.message);
    if (m.type !== 'batch') throw new ProtocolError(`a batch or the end expected, not ${m.type}`);
    yield { posts: m.posts, source: m.source };
  }
}

/** Whether something accepts connections on the socket file. */
export function answers(file: string, timeoutMs = 2_000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createConnection(file);
    const done = (yes: boolean) => {
      clearTimeout(timer);
      s.destroy();
      resolve(yes);
    };
    const timer = setTimeout(() => done(true), timeoutMs);
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/**
 * Listens on `file`, owner only from its first moment: the socket is made in a folder only the
 * owner can enter, made 0600 there, then renamed into place, replacing a stale socket file that
 * nothing answers on (a server killed outright leaves its file behind).
 */
async function listenPrivately(server: net.Server, file: string): Promise<void> {
  // The folder is the user's choice at run time, not a file of the build to trace.
  const dir = fs.mkdtempSync(path.join(/*turbopackIgnore: true*/ path.dirname(file), '.sock-'));
  const temp = path.join(/*turbopackIgnore: true*/ dir, 's');
  try {
    if (Buffer.byteLength(temp) > MAX_SOCKET_PATH) {
      throw new Error(`the data folder's path is too long for a socket (${Buffer.byteLength(file)} bytes): commands cannot store through the dashboard; use a shorter SIDELINES_DATA_DIR`);
    }
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(temp, () => {
        server.off('error', reject);
        resolve();
      });
    });
    fs.chmodSync(temp, 0o600);
    let existing: fs.Stats | null = null;
    try {
      existing = fs.lstatSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (existing && !existing.isSocket()) throw new Error(`${file} is there and is not a socket: remove it for commands to store through the dashboard`);
    if (existing && (await answers(file))) throw new Error(`another process answers on ${file}: commands store through it, not this server`);
    fs.renameSync(temp, file);
  } catch (err) {
    server.close();
    throw err;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const globalForSocket = globalThis as unknown as { sidelinesIngestSocket?: 'starting' | IngestSocket };

/** Retry period while the web app's database cannot be opened (a command holds its folder). */
const RETRY_MS = 5_000;

/**
 * For the web server, once at its start: the socket of its embedded database's folder, listening
 * once the database is open. When it cannot be opened yet (a command holds the folder), it is
 * tried again every few seconds until it is. Nothing on DATABASE_URL.
 */
export async function startIngestSocket(env: Record<string, string | undefined> = process.env): Promise<void> {
  const config = configFromEnv(env, 'read');
  if (config.url || !config.dataDir || globalForSocket.sidelinesIngestSocket) return;
  const dataDir = config.dataDir;
  globalForSocket.sidelinesIngestSocket = 'starting';
  let told = false;
  const attempt = async (): Promise<boolean> => {
    let db: Kysely<Database>;
    try {
      db = await getDb();
    } catch (err) {
      if (!told) console.warn(`ingest socket: waiting for the database to open (${failureLine(err)})`);
      told = true;
      return false;
    }
    try {
      globalForSocket.sidelinesIngestSocket = await listenForRuns(db, dataDir);
    } catch (err) {
      // Not one to retry (a path, a file in the way): said once, the dashboard serves without it.
      console.error(`ingest socket: not listening: ${failureLine(err)}`);
    }
    return true;
  };
  if (await attempt()) return;
  const again = () => {
    setTimeout(() => void attempt().then((done) => done || again()), RETRY_MS).unref();
  };
  again();
}
