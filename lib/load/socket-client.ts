// The command's side of the hand-over (lib/load/socket-protocol.ts): the embedded database's
// folder is held by a running dashboard, so the command's posts are stored by it.
import net from 'node:net';
import type { Kysely } from 'kysely';
import { createDb, DatabaseError, type Database, type DbConfig } from '@/db';
import { FolderLockError } from '@/db/lock';
import type { RawPost } from '@/lib/ingest/types';
import {
  ConnectionClosed,
  decodeServerMessage,
  MessageSocket,
  PROTOCOL_VERSION,
  ProtocolError,
  socketPath,
  type ClientMessage,
  type RemoteStoreOptions,
  type RemoteSyncOptions,
  type ServerMessage,
} from './socket-protocol';
import type { SyncSource, SyncSummary } from './sync';
import type { PostBatch, StoreOptions, StoreSummary } from './store';

/**
 * How long a server has to say hello. It does so at once, unless its thread is busy: a reparse
 * parses every stored post in one go.
 */
const HELLO_MS = 30_000;
/** How long a command that gave up on its file waits for the server to say it rolled back. */
const ABORT_MS = 10_000;

type Progress = StoreOptions['onProgress'];

/** The server on the other end of the folder's socket, for one run. */
export interface ServerLink {
  /** Stores the batches as storeBatches would, in the server's database; the batches are read here. */
  store(batches: Iterable<RawPost[] | PostBatch> | AsyncIterable<RawPost[] | PostBatch>, opts: RemoteStoreOptions & { onProgress?: Progress }): Promise<StoreSummary>;
  /** Rebuilds every event as reparseAll would, in the server's database. */
  reparse(opts: { year?: number; onProgress?: Progress }): Promise<StoreSummary>;
  /** Reads the sources and stores them as syncSources would, in the server; its progress lines to `onNote`. */
  sync(sources: SyncSource[], opts: RemoteSyncOptions & { onNote?: (line: string) => void }): Promise<SyncSummary>;
  /** Drops the connection without a run (the server then has nothing to roll back). */
  close(): void;
}

/**
 * The server answering on the data folder's socket, or null when none does (no socket, a socket
 * no process listens on, or a listener that is not a Sidelines server). A server of another
 * version is an error that says so.
 */
export async function connectToServer(dataDir: string): Promise<ServerLink | null> {
  const socket = await new Promise<net.Socket | null>((resolve) => {
    const s = net.createConnection(socketPath(dataDir));
    s.once('connect', () => {
      s.off('error', refused);
      resolve(s);
    });
    const refused = () => {
      s.destroy();
      resolve(null);
    };
    s.once('error', refused);
  });
  if (!socket) return null;
  const conn = new MessageSocket<ServerMessage, ClientMessage>(socket, decodeServerMessage);
  let hello: ServerMessage;
  try {
    hello = await conn.receive(HELLO_MS);
  } catch {
    conn.destroy();
    return null;
  }
  if (hello.type !== 'hello') {
    conn.destroy();
    return null;
  }
  if (hello.v !== PROTOCOL_VERSION) {
    conn.destroy();
    throw new ProtocolError(
      `the dashboard running on this data folder speaks version ${hello.v} of the hand-over and this command ${PROTOCOL_VERSION}: restart the dashboard, or run the command of its version`,
    );
  }
  return link(conn);
}

/** Waits for the server's answer to an abort (its error, or the connection closing), for a while. */
async function rolledBack(conn: MessageSocket<ServerMessage, ClientMessage>): Promise<void> {
  const until = Date.now() + ABORT_MS;
  try {
    for (;;) {
      const m = await conn.receive(Math.max(1, until - Date.now()));
      if (m.type === 'error' || m.type === 'done') return;
    }
  } catch {
    // Closed, or silent: either way the server is not going to commit this run.
  }
}

/** The server's answer to a run, the progress it reports on the way. */
async function answer(conn: MessageSocket<ServerMessage, ClientMessage>, onProgress: Progress, onPull: () => Promise<void>): Promise<StoreSummary> {
  for (;;) {
    let m: ServerMessage;
    try {
      // No time limit: the server may wait for another run's write lock, or write a large batch.
      m = await conn.receive();
    } catch (err) {
      if (err instanceof ConnectionClosed) {
        throw new Error('the dashboard closed the connection before the run finished (a run is written whole or not at all): run it again', { cause: err });
      }
      throw err;
    }
    switch (m.type) {
      case 'pull':
        await onPull();
        break;
      case 'progress':
        onProgress?.(m.phase, m.done, m.total);
        break;
      case 'done':
        return m.summary;
      case 'error':
        // Worded by the server as the command words its own failures: one line, said as it is.
        throw new Error(m.message);
      case 'note':
      case 'synced':
        throw new ProtocolError(`the dashboard answered a store with ${m.type}`);
      case 'hello':
        throw new ProtocolError('the dashboard said hello twice');
    }
  }
}

/** The server's answer to a sync: its progress lines, then its summary. */
async function syncAnswer(conn: MessageSocket<ServerMessage, ClientMessage>, onNote: ((line: string) => void) | undefined): Promise<SyncSummary> {
  for (;;) {
    let m: ServerMessage;
    try {
      m = await conn.receive();
    } catch (err) {
      if (err instanceof ConnectionClosed) throw new Error('the dashboard closed the connection before the sync finished: run it again (what was read is kept)', { cause: err });
      throw err;
    }
    if (m.type === 'note') onNote?.(m.line);
    else if (m.type === 'synced') return m.summary;
    else if (m.type === 'error') throw new Error(m.message);
    else if (m.type !== 'progress') throw new ProtocolError(`the dashboard answered a sync with ${m.type}`);
  }
}

function link(conn: MessageSocket<ServerMessage, ClientMessage>): ServerLink {
  return {
    async store(batches, { onProgress, ...options }) {
      const it = Symbol.asyncIterator in batches ? batches[Symbol.asyncIterator]() : batches[Symbol.iterator]();
      const pull = async () => {
        let r: IteratorResult<RawPost[] | PostBatch>;
        try {
          r = await it.next();
        } catch (err) {
          // A failure of the reader (a bad file) is the run's failure, as in a run of its own;
          // the server is told, and its rollback waited for, so that the command ends after it.
          await conn.send({ type: 'abort', message: err instanceof Error ? err.message : String(err) }).catch(() => {});
          await rolledBack(conn);
          throw err;
        }
        if (r.done) return conn.send({ type: 'end' });
        const batch: PostBatch = Array.isArray(r.value) ? { posts: r.value } : r.value;
        await conn.send({ type: 'batch', posts: batch.posts, source: batch.source });
      };
      try {
        await conn.send({ type: 'store', v: PROTOCOL_VERSION, options });
        return await answer(conn, onProgress, pull);
      } finally {
        conn.destroy();
      }
    },

    async reparse({ onProgress, ...options }) {
      try {
        await conn.send({ type: 'reparse', v: PROTOCOL_VERSION, options });
        return await answer(conn, onProgress, async () => {
          throw new ProtocolError('the dashboard asked a reparse for posts');
        });
      } finally {
        conn.destroy();
      }
    },

    async sync(sources, { onNote, ...options }) {
      try {
        await conn.send({ type: 'sync', v: PROTOCOL_VERSION, sources, options });
        return await syncAnswer(conn, onNote);
      } finally {
        conn.destroy();
      }
    },

    close() {
      conn.destroy();
    },
  };
}

/**
 * The database of `config` for a command that writes, or the running server that holds its
 * embedded folder: a FolderLockError is handed over when the folder's socket answers, and is
 * the command's error as before when it does not (another command holds the folder).
 */
export async function openDatabaseOrServer(config: DbConfig): Promise<{ db: Kysely<Database> } | { server: ServerLink }> {
  try {
    return { db: await createDb(config) };
  } catch (err) {
    if (!config.dataDir || !(err instanceof DatabaseError && err.cause instanceof FolderLockError)) throw err;
    const server = await connectToServer(config.dataDir);
    if (!server) throw err;
    return { server };
  }
}
