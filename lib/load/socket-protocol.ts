// How the ingest and reparse commands hand a run to the dashboard's server when it holds the
// embedded database's folder (one process at a time may open it, db/lock.ts). The server listens
// on a Unix socket in the folder, owner only; the command connects and the two speak JSON, one
// message a line.
//
//   server: hello {v}                      on every connection, so that a command knows who answers
//   client: store {v, options} | reparse {v, options}
//   server: pull                           when the run wants its next batch (so the command reads
//   client: batch {posts, source} | end    its file no faster than the server stores it)
//   server: progress {phase, done, total}  as the run goes
//   server: done {summary} | error {message}
//
//   client: sync {v, sources, options}     the server reads the channels' pages itself, then
//   server: note {line} ... synced {summary} | error {message}     stores them as a run
//
// A command that stops sending (it failed on its file: abort; it was killed: the connection
// closes) leaves nothing written: the server's run is one transaction, rolled back then.
// Dates travel as ISO strings (JSON.stringify's) and are Dates again once decoded.
import type net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { LANGS } from '@/lib/domain/lang';
import type { RawPost } from '@/lib/ingest/types';
import type { StoreOptions, StoreSummary } from './store';
import type { SyncSource, SyncSummary } from './sync';

/** The protocol's version: a command and a server of different versions refuse each other, saying so. */
export const PROTOCOL_VERSION = 1;

/** The socket's file in the data folder. */
export const SOCKET_FILE = 'sidelines.sock';

export function socketPath(dataDir: string): string {
  return path.join(/*turbopackIgnore: true*/ dataDir, SOCKET_FILE);
}

/**
 * The longest line either side reads. A batch is one line: 2000 posts (lib/ingest/read.ts) of a
 * few KB each, far below this; a post's text is bounded too (150 KB), so only a broken peer gets here.
 */
export const MAX_LINE_BYTES = 400 << 20;

/** What of a run's options travels: the rest (progress, the parse thread) is each side's own. */
export type RemoteStoreOptions = Pick<StoreOptions, 'channel' | 'year' | 'replaceSample' | 'source' | 'synced'>;

/** What of a sync's options travels: the server reads the pages with its own politeness and state folder. */
export interface RemoteSyncOptions {
  since?: string;
  delayMs?: number;
  replaceSample?: boolean;
}

export type ClientMessage =
  | { type: 'store'; v: number; options: RemoteStoreOptions }
  | { type: 'sync'; v: number; sources: SyncSource[]; options: RemoteSyncOptions }
  | { type: 'reparse'; v: number; options: { year?: number } }
  | { type: 'batch'; posts: RawPost[]; source?: string }
  | { type: 'end' }
  | { type: 'abort'; message: string };

export type ServerMessage =
  | { type: 'hello'; v: number }
  | { type: 'pull' }
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'done'; summary: StoreSummary }
  | { type: 'note'; line: string }
  | { type: 'synced'; summary: SyncSummary }
  | { type: 'error'; message: string };

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

const year = z.number().int().min(1990).max(2100);

const postedAt = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a date')
  .transform((s) => new Date(s));

const rawPost = z.object({
  channel: z.string().nullable(),
  externalId: z.string().nullable(),
  postedAt: postedAt.nullable(),
  lang: z.enum(LANGS).nullable(),
  text: z.string(),
  url: z.string().nullable(),
  seq: z.number().int().nonnegative(),
}) satisfies z.ZodType<RawPost, unknown>;

const storeOptions = z.object({
  channel: z.string().optional(),
  year: year.optional(),
  replaceSample: z.boolean().optional(),
  source: z.string().optional(),
  synced: z.array(z.string()).optional(),
}) satisfies z.ZodType<RemoteStoreOptions>;

const versioned = { v: z.literal(PROTOCOL_VERSION) };

const syncSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('telegram'), channel: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('feed'), url: z.url({ protocol: /^https?$/ }), channel: z.string().min(1).max(64) }),
]) satisfies z.ZodType<SyncSource>;

const syncOptions = z.object({
  since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  delayMs: z.number().min(0).max(60_000).optional(),
  replaceSample: z.boolean().optional(),
}) satisfies z.ZodType<RemoteSyncOptions>;

const clientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('store'), ...versioned, options: storeOptions }),
  z.object({ type: z.literal('sync'), ...versioned, sources: z.array(syncSource).min(1).max(100), options: syncOptions }),
  z.object({ type: z.literal('reparse'), ...versioned, options: z.object({ year: year.optional() }) }),
  z.object({ type: z.literal('batch'), posts: z.array(rawPost), source: z.string().optional() }),
  z.object({ type: z.literal('end') }),
  z.object({ type: z.literal('abort'), message: z.string() }),
]) satisfies z.ZodType<ClientMessage, unknown>;

const count = z.number().int().nonnegative();

/** Every field of a summary: a field added to StoreSummary and not here fails to compile. */
const storeSummary = z.object({
  postsRead: count,
  postsNew: count,
  postsExisting: count,
  postsEdited: count,
  eventsCreated: count,
  eventsMerged: count,
  eventsKept: count,
  eventsRetired: count,
  postsNoEvent: count,
  postsFailed: count,
  postsUndated: count,
  samplePostsRemoved: count,
  sampleEventsRemoved: count,
  failures: z.array(z.object({ post: z.string(), message: z.string() })),
}) satisfies z.ZodType<StoreSummary>;

const syncSummary = z.object({
  sources: z.array(
    z.object({
      source: z.string(),
      channel: z.string(),
      pages: count,
      posts: count,
      resumed: z.boolean(),
      stop: z.enum(['stored', 'since', 'start', 'max-pages', 'feed']),
    }),
  ),
  store: storeSummary,
  requests: count,
  seconds: z.number().nonnegative(),
}) satisfies z.ZodType<SyncSummary>;

const serverMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), v: z.number().int() }),
  z.object({ type: z.literal('pull') }),
  z.object({ type: z.literal('progress'), phase: z.string(), done: count, total: count }),
  z.object({ type: z.literal('done'), summary: storeSummary }),
  z.object({ type: z.literal('note'), line: z.string() }),
  z.object({ type: z.literal('synced'), summary: syncSummary }),
  z.object({ type: z.literal('error'), message: z.string() }),
]) satisfies z.ZodType<ServerMessage, unknown>;

/** One message as its line. JSON escapes every newline inside a string, so a line is a message. */
export function encode(message: ClientMessage | ServerMessage): string {
  return `${JSON.stringify(message)}\n`;
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch (cause) {
    throw new ProtocolError(`a message that is not JSON (${line.slice(0, 60)})`, { cause });
  }
}

function checked<T>(schema: z.ZodType<T, unknown>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new ProtocolError(`a malformed message: ${issue ? `${issue.path.join('.') || 'message'}: ${issue.message}` : 'invalid'}`);
}

/** A request of another version is named as such, before its fields are read as this version's. */
function checkVersion(value: unknown): void {
  if (!value || typeof value !== 'object') return;
  const m = value as { type?: unknown; v?: unknown };
  if ((m.type === 'store' || m.type === 'reparse' || m.type === 'sync') && m.v !== PROTOCOL_VERSION) {
    throw new ProtocolError(`the command speaks version ${String(m.v)} of the protocol and this server ${PROTOCOL_VERSION}: run the command of the same version as the dashboard`);
  }
}

export function decodeClientMessage(line: string): ClientMessage {
  const value = parseLine(line);
  checkVersion(value);
  return checked(clientMessage, value);
}

export function decodeServerMessage(line: string): ServerMessage {
  return checked(serverMessage, parseLine(line));
}

/** Splits a byte stream into lines: a line may end in any later chunk, a character too. */
export class LineDecoder {
  private parts: Buffer[] = [];
  private size = 0;

  constructor(private readonly maxBytes = MAX_LINE_BYTES) {}

  /** The lines this chunk completes, without their newline. */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      this.parts.push(chunk.subarray(start, nl));
      lines.push(Buffer.concat(this.parts).toString('utf8'));
      this.parts = [];
      this.size = 0;
      start = nl + 1;
    }
    if (start < chunk.length) {
      this.size += chunk.length - start;
      if (this.size > this.maxBytes) throw new ProtocolError(`a message longer than ${this.maxBytes} bytes`);
      this.parts.push(chunk.subarray(start));
    }
    return lines;
  }

  /** At the end of the stream: what is left is a message cut short. */
  end(): void {
    if (this.size > 0) throw new ProtocolError('the connection ended in the middle of a message');
  }
}

/** A connection closed, or silent past its time: no message will come. */
export class ConnectionClosed extends Error {
  override name = 'ConnectionClosed';
}

/** The messages queued before the socket is paused: the peer then waits, the kernel buffering. */
const HIGH_WATER = 8;

/**
 * One side of a connection: messages received in order (`receive`), messages sent once the
 * socket has taken them (`send`). `In` is what the other side sends.
 */
export class MessageSocket<In, Out extends ClientMessage | ServerMessage> {
  private readonly queue: In[] = [];
  private readonly decoder = new LineDecoder();
  private failure: Error | null = null;
  private ended = false;
  private waiter: (() => void) | null = null;
  /** Settles when the socket has closed, for whatever reason. */
  readonly closed: Promise<void>;

  constructor(
    readonly socket: net.Socket,
    private readonly decode: (line: string) => In,
  ) {
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => {
      if (this.failure) return;
      try {
        for (const line of this.decoder.push(chunk)) if (line.trim()) this.queue.push(this.decode(line));
      } catch (err) {
        this.failure = err as Error;
        socket.pause();
      }
      if (this.queue.length >= HIGH_WATER) socket.pause();
      this.wake();
    });
    socket.on('end', () => {
      try {
        this.decoder.end();
      } catch (err) {
        this.failure ??= err as Error;
      }
      this.ended = true;
      this.wake();
    });
    // A reset is a close like any other: the next receive says the connection is gone.
    socket.on('error', () => {});
    socket.on('close', () => {
      this.ended = true;
      this.wake();
    });
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  /** Whether the socket is gone (closed, or ended by the other side). */
  get isClosed(): boolean {
    return this.ended || this.socket.destroyed;
  }

  /**
   * The next message; a ConnectionClosed when the connection ends first or nothing comes within
   * `timeoutMs`, a ProtocolError for a message that is not one.
   */
  async receive(timeoutMs?: number): Promise<In> {
    for (;;) {
      const next = this.queue.shift();
      if (next !== undefined) {
        if (this.queue.length < HIGH_WATER / 2 && !this.failure) this.socket.resume();
        return next;
      }
      if (this.failure) throw this.failure;
      if (this.ended) throw new ConnectionClosed('the connection closed');
      let timer: NodeJS.Timeout | undefined;
      let timedOut = false;
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
        if (timeoutMs !== undefined) {
          timer = setTimeout(() => {
            timedOut = true;
            this.wake();
          }, timeoutMs);
        }
      });
      clearTimeout(timer);
      if (timedOut && !this.queue.length) throw new ConnectionClosed(`nothing came for ${Math.round(timeoutMs! / 1000)} s`);
    }
  }

  /** Sends a message; resolves once the socket can take more (its buffer drained). */
  async send(message: Out): Promise<void> {
    if (this.socket.destroyed || !this.socket.writable) throw new ConnectionClosed('the connection closed');
    if (this.socket.write(encode(message))) return;
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        this.socket.off('drain', done);
        this.socket.off('close', gone);
        resolve();
      };
      const gone = () => {
        this.socket.off('drain', done);
        reject(new ConnectionClosed('the connection closed'));
      };
      this.socket.on('drain', done);
      this.socket.once('close', gone);
    });
  }

  /** Ends the connection once what was sent is written. */
  end(): void {
    this.socket.end();
  }

  destroy(): void {
    this.socket.destroy();
  }
}
