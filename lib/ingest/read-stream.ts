// The bytes of an input as a stream: a file, a named pipe, or standard input ("-"). Inputs are
// read in chunks so that a file of any size is read in the same memory; the chunks are cut at
// character boundaries and checked (no NUL byte, valid UTF-8) before any reader sees them.
import { isUtf8 } from 'node:buffer';
import { createReadStream, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { InputError } from './input-error';

/** The path that names standard input. */
export const STDIN = '-';

/** What the readers read, for the message that refuses anything else. */
export const FORMATS_READ =
  'the formats read are a Telegram Desktop export (result.json, or the HTML export: its folder or messages.html), JSON Lines and plain text';

/** The end of the message that refuses a binary file. */
export const BINARY_FILE = `this looks like a binary file, not posts; ${FORMATS_READ}`;

/** How much of the start of an HTML page tells the format: its head and the start of its body. */
export const HTML_HEAD_BYTES = 16_384;

/** Large enough that a chunk costs little to hand around, small enough to be nothing in memory. */
const CHUNK_BYTES = 1 << 20;

export interface Input {
  /** What messages call the input: its path, or "stdin". */
  readonly name: string;
  /** A regular file can be read again (to say where an error is); a pipe cannot. */
  readonly rereadable: boolean;
  /** The input's bytes from its start; each call starts again at the start (a pipe: once only). */
  chunks(): AsyncIterable<Buffer>;
}

export function inputName(path: string): string {
  return path === STDIN ? 'stdin' : path;
}

/**
 * Opens an input and says at once what is wrong with it, if anything can be told before reading:
 * no such file, a directory, an empty regular file. A pipe or standard input is only known to be
 * empty once it has been read.
 */
export async function openInput(path: string): Promise<Input> {
  const name = inputName(path);
  if (path === STDIN) return { name, rereadable: false, chunks: () => guarded(name, process.stdin) };
  let info: Stats;
  try {
    info = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? String(e)})`, { cause: e });
  }
  if (info.isDirectory()) throw new InputError(`${path}: is a directory, not a file`);
  if (info.isFile() && info.size === 0) throw new InputError(`${path}: file is empty`);
  return { name, rereadable: info.isFile(), chunks: () => guarded(name, createReadStream(path, { highWaterMark: CHUNK_BYTES })) };
}

/**
 * Bytes in memory as an input, handed out in chunks of the given size: what a test uses to cut
 * a file at every place a read from disk or a pipe may cut it.
 */
export function memoryInput(name: string, bytes: Uint8Array, chunkBytes = CHUNK_BYTES): Input {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    name,
    rereadable: true,
    async *chunks() {
      for (let i = 0; i < buf.length; i += chunkBytes) yield buf.subarray(i, i + chunkBytes);
    },
  };
}

/** A source's chunks, with a failure to read turned into a one-line InputError. */
async function* guarded(name: string, source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of source) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${name}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { cause: e });
  }
}

const BOM = [0xef, 0xbb, 0xbf];
const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * Whether the start of an input is enough to tell its format by (detectFormat): its first line
 * that is not blank, and something after it; for what starts with "<" (an HTML page), its first
 * HTML_HEAD_BYTES. Telling is then the same however the input came in chunks (a file is read a
 * megabyte at a time, a pipe 64 KB).
 */
function headIsEnough(b: Buffer): boolean {
  let i = b[0] === BOM[0] && b[1] === BOM[1] && b[2] === BOM[2] ? 3 : 0;
  while (i < b.length && isSpace(b[i]!)) i++;
  if (i === b.length) return false;
  if (b[i] === 0x3c) return b.length - i >= HTML_HEAD_BYTES;
  let nl = b.indexOf(0x0a, i);
  if (nl < 0) return false;
  while (++nl < b.length) if (!isSpace(b[nl]!)) return true;
  return false;
}

export interface Peeked {
  /** The first bytes of the input (more than limit only by the last chunk read). */
  head: Buffer;
  /** Every byte of the input, from the start, the head included. */
  chunks: AsyncIterable<Buffer>;
}

/** Reads the start of an input without losing it: the chunks read are handed out again. */
export async function peek(source: AsyncIterable<Buffer>, limit: number): Promise<Peeked> {
  const it = source[Symbol.asyncIterator]();
  const read: Buffer[] = [];
  let size = 0;
  let done = false;
  let head: Buffer = Buffer.alloc(0);
  while (size < limit) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    read.push(r.value);
    size += r.value.length;
    head = read.length === 1 ? r.value : Buffer.concat(read);
    if (headIsEnough(head)) break;
  }
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      yield* read;
      read.length = 0;
      if (done) return;
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    } finally {
      // A reader that stops early (a bad post) closes the file or pipe behind it.
      await it.return?.();
    }
  }
  return { head, chunks: chunks() };
}

/**
 * The first bytes of a regular file as text (bad bytes replaced), to tell what the file is before
 * it is read; empty when it cannot be read (its reader then says why).
 */
export async function readHead(path: string, bytes = HTML_HEAD_BYTES): Promise<string> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch {
    return '';
  }
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return new TextDecoder('utf-8').decode(buf.subarray(0, bytesRead)).replace(/^\uFEFF/, '');
  } catch {
    return '';
  } finally {
    await fh.close();
  }
}

/** Offset of the first byte that breaks UTF-8 (for the error message only). */
export function firstBadUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8 either.
    if (!isUtf8(b.subarray(i, i + n + 1))) return i;
    i += n + 1;
  }
  return b.length;
}

/**
 * Where a chunk can be cut so that no character is split: before an incomplete character at its
 * end, and, with holdEscapes, before a run of backslashes in its last four bytes, so that a
 * Telegram "\xHH" (and which backslashes escape which) is always seen whole.
 */
function cutPoint(b: Buffer, holdEscapes: boolean): number {
  let cut = b.length;
  for (let k = 1; k <= 3 && k <= b.length; k++) {
    const c = b[b.length - k]!;
    if ((c & 0xc0) === 0x80) continue;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    if (need > k) cut = b.length - k;
    break;
  }
  if (holdEscapes && cut > 0) {
    const bs = b.lastIndexOf(0x5c, cut - 1);
    if (bs >= 0 && bs >= cut - 4) {
      let start = bs;
      while (start > 0 && b[start - 1] === 0x5c) start--;
      cut = start;
    }
  }
  return cut;
}

export interface CheckOptions {
  /** Hold back possible "\xHH" escapes at a chunk's end (see cutPoint). */
  holdEscapes?: boolean;
}

/**
 * The input's bytes in pieces that hold whole characters, each checked: a NUL byte (a binary
 * file, or UTF-16) or bytes that are not UTF-8 stop the read with a one-line error that gives
 * the byte's offset in the file. A byte order mark at the start is dropped.
 */
export async function* checkedPieces(name: string, chunks: AsyncIterable<Buffer>, opts: CheckOptions = {}): AsyncGenerator<Buffer> {
  let pending: Buffer | null = null;
  /** Offset in the file of the first byte of `pending` (or of the next chunk). */
  let offset = 0;
  let first = true;
  const check = (piece: Buffer): Buffer => {
    const nul = piece.indexOf(0);
    if (nul >= 0) throw new InputError(`${name}: NUL byte at offset ${offset + nul}; ${BINARY_FILE}`);
    if (!isUtf8(piece)) throw new InputError(`${name}: not valid UTF-8 text (first bad byte at offset ${offset + firstBadUtf8(piece)})`);
    offset += piece.length;
    return piece;
  };
  for await (const chunk of chunks) {
    let data: Buffer = pending ? Buffer.concat([pending, chunk]) : chunk;
    pending = null;
    if (first) {
      // A byte order mark needs its three bytes together to be known.
      if (data.length < 3 && data.every((b, i) => b === BOM[i])) {
        pending = data;
        continue;
      }
      first = false;
      if (data[0] === BOM[0] && data[1] === BOM[1] && data[2] === BOM[2]) {
        data = data.subarray(3);
        offset = 3;
      }
    }
    const cut = cutPoint(data, opts.holdEscapes ?? false);
    if (cut < data.length) pending = Buffer.from(data.subarray(cut));
    if (cut > 0) yield check(data.subarray(0, cut));
  }
  // What is left: the end of the file, whole or not (an incomplete character is bad UTF-8).
  if (pending && pending.length) yield check(pending);
}

/** The exporter writes some control characters as \xHH, which JSON does not allow. */
export function fixHexEscapes(s: string): string {
  return s.includes('\\x') ? s.replace(/(?<!\\)((?:\\\\)*)\\x([0-9A-Fa-f]{2})/g, '$1\\u00$2') : s;
}

/** fixHexEscapes on UTF-8 bytes; the same bytes when there is nothing to fix. */
export function fixHexEscapeBytes(b: Buffer): Buffer {
  // A backslash and an x are found natively; most chunks of an export have neither together.
  if (b.indexOf('\\x') < 0) return b;
  const s = b.toString('utf8');
  const fixed = fixHexEscapes(s);
  return fixed === s ? b : Buffer.from(fixed, 'utf8');
}
