// Reading posts from files: Telegram Desktop exports, JSON Lines and plain text.
import { createReadStream, type Stats } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { knownProfile, postNumber, postUrl, type ChannelProfile } from './channels';
import { FIRST_YEAR, LAST_YEAR } from './dates';
import { splitPlainText } from './split-text';
import type { InputFormat, Lang, RawPost } from './types';

/** A problem with the input file; the message is one line and names the file. */
export class InputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InputError';
  }
}

/**
 * PostgreSQL cannot index a post whose full-text vector passes 1 MB, and the run that stores it
 * fails. Text made to be indexed badly (distinct short hyphenated words) makes a vector five
 * times its size; 150 KB keeps every post indexable, and is still many times the longest
 * Telegram post (4,096 characters).
 */
export const MAX_POST_BYTES = 150_000;
/** A JSON Lines row may escape every character of a post (\uXXXX is six characters). */
const MAX_LINE_CHARS = MAX_POST_BYTES * 6;
/** Longer ids and channel names are not ids: they could not go into the unique indexes. */
const MAX_ID_CHARS = 200;

export interface ReadOptions {
  format?: InputFormat;
  /**
   * Channel handle ("MID_Russia") or title. A known channel's posts get its links; for another
   * channel a handle makes t.me links possible.
   */
  channel?: string;
}

const HANDLE_RE = /^[A-Za-z][A-Za-z0-9_]{3,}$/;
const CHANNEL_TYPES = new Set(['public_channel', 'private_channel']);

function handleOf(channel: string | undefined): string | null {
  if (!channel) return null;
  const h = channel.trim().replace(/^(?:https?:\/\/)?t\.me\//, '').replace(/^@/, '').replace(/\/+$/, '');
  return HANDLE_RE.test(h) ? h : null;
}

/**
 * A post's link when its file gives none: a known channel's own link, else a t.me link when the
 * channel is a Telegram handle and the id a message number.
 */
function linkOf(profile: ChannelProfile | null, channel: string | null, id: string | null): string | null {
  if (profile) return postUrl(profile, id);
  const handle = handleOf(channel ?? undefined);
  return handle && id && /^\d+$/.test(id) ? `https://t.me/${handle}/${id}` : null;
}

/**
 * Files made from a channel's posts often write the channel into the id ("MFARussia/27748" with
 * channel "MFARussia"). The post key already names the channel, so the number alone is the id:
 * the key is "MFARussia/27748", not "MFARussia/MFARussia/27748". The id keeps its prefix when
 * that names another channel, or when it is not followed by a post number.
 */
function ownId(id: string | null, channel: string | null, profile: ChannelProfile | null): string | null {
  if (!id || !channel) return id;
  const m = /^@?(.+)\/(\d+)$/.exec(id);
  if (!m) return id;
  if (m[1].toLowerCase() === channel.trim().replace(/^@/, '').toLowerCase()) return m[2];
  return profile ? (postNumber(profile, id) ?? id) : id;
}

/**
 * PostgreSQL text cannot hold U+0000, and a lone surrogate half (JSON may escape one) is not a
 * character at all. Both are dropped or replaced when a post is read, so that one stray
 * character is not the end of a whole run, and the text stored is the text parsed and hashed.
 */
function cleanText(s: string): string {
  return (s.includes('\u0000') ? s.replaceAll('\u0000', '') : s).toWellFormed();
}

async function statFile(path: string): Promise<Stats> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? String(e)})`, { cause: e });
  }
  if (info.isDirectory()) throw new InputError(`${path}: is a directory, not a file`);
  if (info.size === 0) throw new InputError(`${path}: file is empty`);
  return info;
}

export async function readPostsFromFile(path: string, opts: ReadOptions = {}): Promise<RawPost[]> {
  await statFile(path);
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    throw new InputError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { cause: e });
  }
  if (buf.length === 0) throw new InputError(`${path}: file is empty`);
  const nul = buf.indexOf(0);
  if (nul >= 0) throw new InputError(`${path}: NUL byte at offset ${nul}; this looks like a binary file, not posts`);
  let content: string;
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch (e) {
    throw new InputError(`${path}: not valid UTF-8 text (first bad byte at offset ${firstBadUtf8(buf)})`, { cause: e });
  }
  return readPosts(content, { ...opts, fileName: path });
}

/** Offset of the first byte that breaks UTF-8 (for the error message only). */
function firstBadUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return b.length;
}

export function detectFormat(content: string): InputFormat {
  const t = content.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return 'text';
  if (t.startsWith('[')) return 'telegram';
  const firstLine = t.slice(0, t.indexOf('\n') < 0 ? t.length : t.indexOf('\n')).trim();
  // A JSON Lines file has a complete object on its first line; a pretty-printed export has "{".
  if (firstLine.length > 1 && firstLine.endsWith('}')) {
    try {
      const v: unknown = JSON.parse(firstLine);
      const rows = t.split('\n').filter((r) => r.trim() !== '');
      const record = v && typeof v === 'object' && !Array.isArray(v) && !('messages' in v) && !('chats' in v);
      if (record && ('text' in v || rows.length > 1)) return 'jsonl';
    } catch {
      // Not a JSON line: fall through to the whole-document reader, which reports where it breaks.
    }
  }
  return 'telegram';
}

/** Pure reader: file content in, posts out. */
export function readPosts(content: string, opts: ReadOptions & { fileName?: string } = {}): RawPost[] {
  const file = opts.fileName ?? '<input>';
  const text = content.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new InputError(`${file}: file is empty`);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) throw new InputError(`${file}: NUL character at offset ${nul}; this looks like a binary file, not posts`);
  const format = opts.format ?? detectFormat(text);
  const posts =
    format === 'telegram' ? readTelegram(text, file, opts) : format === 'jsonl' ? readJsonLines(text, file, opts) : readText(text, opts);
  posts.forEach((p, i) => checkSize(p, i + 1, file));
  return posts;
}

// ---------------------------------------------------------------------------------------
// Plain text

function readText(content: string, opts: ReadOptions): RawPost[] {
  return splitPlainText(cleanText(content).replace(/\r\n?/g, '\n')).map((text, seq) => ({
    channel: opts.channel ?? null,
    externalId: null,
    postedAt: null,
    lang: null,
    text,
    url: null,
    seq,
  }));
}

// ---------------------------------------------------------------------------------------
// JSON Lines

function parseDate(v: unknown): Date | null | 'bad' {
  if (v === undefined || v === null || v === '') return null;
  let d: Date;
  if (typeof v === 'number') d = new Date(v < 1e12 ? v * 1000 : v);
  else if (typeof v !== 'string') return 'bad';
  else if (/^\d{9,11}$/.test(v)) d = new Date(Number(v) * 1000);
  else {
    // Dates without an offset are taken as UTC so that reading is independent of the machine.
    const withZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.test(v) ? `${v}Z` : /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v;
    d = new Date(withZone);
    // Date rolls a day that does not exist over into the next month ("2023-02-30" is 2 March).
    const ymd = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
    if (ymd) {
      const day = new Date(Date.UTC(Number(ymd[1]), Number(ymd[2]) - 1, Number(ymd[3])));
      if (day.getUTCMonth() !== Number(ymd[2]) - 1 || day.getUTCDate() !== Number(ymd[3])) return 'bad';
    }
  }
  return Number.isNaN(d.getTime()) ? 'bad' : d;
}

/** A post's timestamp, or an InputError that says which post and why. */
function postDate(v: unknown, where: string): Date | null {
  const d = parseDate(v);
  if (d === 'bad') throw new InputError(`${where} has an unreadable "date" (${JSON.stringify(v)?.slice(0, 60)})`);
  if (d && (d.getUTCFullYear() < FIRST_YEAR || d.getUTCFullYear() > LAST_YEAR)) {
    throw new InputError(`${where} has a "date" out of range (${JSON.stringify(v)?.slice(0, 60)}; posts from ${FIRST_YEAR} to ${LAST_YEAR} are read)`);
  }
  return d;
}

/** An id or channel name as a string, or an InputError when it cannot be one. */
function idString(v: unknown, field: string, where: string): string | null {
  const s = typeof v === 'string' ? cleanText(v) : typeof v === 'number' && Number.isFinite(v) ? String(v) : null;
  if (s && s.length > MAX_ID_CHARS) throw new InputError(`${where} has an over-long "${field}" (${s.length} characters; at most ${MAX_ID_CHARS})`);
  return s;
}

function langOf(v: unknown): Lang | null {
  return v === 'ru' || v === 'en' ? v : null;
}

/** One JSON Lines row as a post; null for a blank row or a record with empty text. */
function jsonlRecord(row: string, lineNo: number, file: string, opts: ReadOptions, seq: number): RawPost | null {
  const line = row.trim();
  if (!line) return null;
  let v: unknown;
  try {
    v = JSON.parse(fixHexEscapes(line));
  } catch (e) {
    throw new InputError(`${file}: line ${lineNo} is not valid JSON (${(e as Error).message.split('\n')[0]})`, { cause: e });
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new InputError(`${file}: line ${lineNo} is not a JSON object`);
  const rec = v as Record<string, unknown>;
  const where = `${file}: line ${lineNo}`;
  if (typeof rec.text !== 'string') throw new InputError(`${where} has no "text" string`);
  const date = postDate(rec.date, where);
  const text = cleanText(rec.text);
  if (!text.trim()) return null;
  const channel = (typeof rec.channel === 'string' && idString(rec.channel, 'channel', where)) || (opts.channel ?? null);
  const profile = knownProfile(channel);
  const id = ownId(idString(rec.id, 'id', where), channel, profile);
  // A row's own link wins; a blank one is no link.
  const url = typeof rec.url === 'string' && rec.url.trim() !== '' ? cleanText(rec.url) : linkOf(profile, channel, id);
  return { channel, externalId: id, postedAt: date, lang: langOf(rec.lang), text, url, seq };
}

function readJsonLines(content: string, file: string, opts: ReadOptions): RawPost[] {
  const out: RawPost[] = [];
  content.split('\n').forEach((row, i) => {
    const post = jsonlRecord(row, i + 1, file, opts, out.length);
    if (post) out.push(post);
  });
  if (out.length === 0) throw new InputError(`${file}: no posts with text`);
  return out;
}

function checkSize(p: RawPost, n: number, file: string): void {
  const bytes = Buffer.byteLength(p.text, 'utf8');
  if (bytes > MAX_POST_BYTES) {
    const where = p.externalId ? ` (id ${p.externalId})` : '';
    const size = bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1e3)} KB`;
    throw new InputError(`${file}: post ${n}${where} is ${size}, over the ${MAX_POST_BYTES / 1e3} KB limit`);
  }
}

/**
 * The start of a file up to its first line break, enough to tell the formats apart: a JSON
 * Lines file is told by its whole first line, and a first post can be longer than one read.
 */
async function firstLine(path: string, size: number): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const parts: Buffer[] = [];
    let pos = 0;
    while (pos < size && pos < MAX_LINE_CHARS * 3) {
      const buf = Buffer.alloc(Math.min(size - pos, 65_536));
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      parts.push(buf.subarray(0, bytesRead));
      pos += bytesRead;
      if (buf.subarray(0, bytesRead).includes(10)) break;
    }
    return new TextDecoder('utf-8').decode(Buffer.concat(parts));
  } finally {
    await fh.close();
  }
}

/**
 * Posts of a file in batches, for files too large to hold at once: JSON Lines is read as a
 * stream (memory stays flat however long the file); the other formats are read whole. A bad
 * line stops the stream with an InputError, so a caller writing batches in one transaction
 * writes nothing.
 */
export async function* streamPostsFromFile(path: string, opts: ReadOptions = {}, batchSize = 2000): AsyncGenerator<RawPost[]> {
  const info = await statFile(path);
  const format = opts.format ?? detectFormat((await firstLine(path, info.size)).replace(/^\uFEFF/, ''));
  if (format !== 'jsonl') {
    const posts = await readPostsFromFile(path, { ...opts, format });
    for (let i = 0; i < posts.length; i += batchSize) yield posts.slice(i, i + batchSize);
    return;
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let rest = '';
  let lineNo = 0;
  let offset = 0;
  let seq = 0;
  let batch: RawPost[] = [];
  const take = (row: string) => {
    lineNo++;
    const clean = lineNo === 1 ? row.replace(/^\uFEFF/, '') : row;
    if (clean.includes('\u0000')) throw new InputError(`${path}: NUL character on line ${lineNo}; this looks like a binary file, not posts`);
    const post = jsonlRecord(clean, lineNo, path, opts, seq);
    if (!post) return;
    checkSize(post, seq + 1, path);
    seq++;
    batch.push(post);
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch (e) {
      throw new InputError(`${path}: not valid UTF-8 text (first bad byte at offset ${offset + firstBadUtf8(chunk)})`, { cause: e });
    }
    offset += chunk.length;
    const rows = (rest + text).split('\n');
    rest = rows.pop() ?? '';
    if (rest.length > MAX_LINE_CHARS) throw new InputError(`${path}: line ${lineNo + 1} is over ${MAX_LINE_CHARS} characters long`);
    for (const row of rows) {
      take(row);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  try {
    rest += decoder.decode();
  } catch (e) {
    throw new InputError(`${path}: not valid UTF-8 text (the file ends inside a character)`, { cause: e });
  }
  if (rest.trim()) take(rest);
  if (batch.length) yield batch;
  if (seq === 0) throw new InputError(`${path}: no posts with text`);
}

// ---------------------------------------------------------------------------------------
// Telegram Desktop export

/** The exporter writes some control characters as \xHH, which JSON does not allow. */
function fixHexEscapes(s: string): string {
  return s.includes('\\x') ? s.replace(/(?<!\\)((?:\\\\)*)\\x([0-9A-Fa-f]{2})/g, '$1\\u00$2') : s;
}

interface TgEntity {
  type?: unknown;
  text?: unknown;
}

function textOf(msg: Record<string, unknown>): string {
  const parts = Array.isArray(msg.text_entities) ? msg.text_entities : Array.isArray(msg.text) ? msg.text : null;
  if (parts) {
    return parts
      .map((p: unknown) => (typeof p === 'string' ? p : p && typeof p === 'object' && typeof (p as TgEntity).text === 'string' ? String((p as TgEntity).text) : ''))
      .join('');
  }
  return typeof msg.text === 'string' ? msg.text : '';
}

function readTelegram(content: string, file: string, opts: ReadOptions): RawPost[] {
  const fixed = fixHexEscapes(content);
  let root: unknown;
  try {
    root = JSON.parse(fixed);
  } catch (e) {
    throw new InputError(`${file}: malformed JSON ${jsonErrorWhere(fixed)}`, { cause: e });
  }
  if (Array.isArray(root)) return readJsonArray(root, file, opts);
  if (!root || typeof root !== 'object') throw new InputError(`${file}: not a Telegram channel export (top level is not an object)`);
  const obj = root as Record<string, unknown>;
  // One JSON Lines record on its own (a first line too long to tell the format by).
  if (typeof obj.text === 'string' && !('messages' in obj) && !('chats' in obj)) return readJsonArray([obj], file, opts);
  if ('messages' in obj && !Array.isArray(obj.messages)) throw new InputError(`${file}: not a channel export ("messages" is not a list)`);
  let chats: Record<string, unknown>[];
  if (Array.isArray(obj.messages)) {
    const type = typeof obj.type === 'string' ? obj.type : null;
    if (type && !CHANNEL_TYPES.has(type)) throw new InputError(`${file}: not a channel export (the chat type is "${type}")`);
    chats = [obj];
  } else {
    const lists = [obj.chats, obj.left_chats].flatMap((c) =>
      c && typeof c === 'object' && Array.isArray((c as Record<string, unknown>).list) ? ((c as Record<string, unknown>).list as unknown[]) : [],
    );
    if (!lists.length && !('chats' in obj)) throw new InputError(`${file}: not a Telegram export (no "messages" and no "chats.list")`);
    chats = lists.filter(
      (c): c is Record<string, unknown> => !!c && typeof c === 'object' && CHANNEL_TYPES.has(String((c as Record<string, unknown>).type)),
    );
    if (!chats.length) throw new InputError(`${file}: not a channel export (the account export holds no channels)`);
  }
  const out: RawPost[] = [];
  for (const chat of chats) {
    // --channel names the channel of a one-channel export; otherwise the export does itself.
    const given = chats.length === 1 && opts.channel ? opts.channel : null;
    const title = given === null ? idString(chat.name, 'name', `${file}: the channel`) : null;
    const profile = given !== null ? knownProfile(given) : recognise(chat.id, title);
    // A known channel is stored under its handle whatever the file calls it, so that its posts
    // have one key and one link however they came in.
    const channel = profile ? profile.handle : (given ?? title);
    const messages = Array.isArray(chat.messages) ? chat.messages : [];
    for (const [i, m] of messages.entries()) {
      if (!m || typeof m !== 'object') continue;
      const msg = m as Record<string, unknown>;
      if (msg.type !== 'message') continue;
      const where = `${file}: message ${i + 1}${typeof msg.id === 'number' || typeof msg.id === 'string' ? ` (id ${String(msg.id).slice(0, 40)})` : ''}`;
      // The exporter writes text as a string or a list of pieces; anything else is not its file.
      if (msg.text !== undefined && typeof msg.text !== 'string' && !Array.isArray(msg.text)) {
        throw new InputError(`${where} has a "text" that is neither a string nor a list`);
      }
      const text = cleanText(textOf(msg));
      if (!text.trim()) continue;
      const id = idString(msg.id, 'id', where);
      const postedAt = postDate(typeof msg.date_unixtime === 'string' && /^\d+$/.test(msg.date_unixtime) ? Number(msg.date_unixtime) : msg.date, where);
      out.push({
        channel,
        externalId: id,
        postedAt,
        lang: null,
        text,
        url: linkOf(profile, given, id),
        seq: out.length,
      });
    }
  }
  if (out.length === 0) throw new InputError(`${file}: no posts with text`);
  return out;
}

/** The profile of an exported channel: by its numeric id, which stays, else by its title. */
function recognise(id: unknown, title: string | null): ChannelProfile | null {
  const byId = (typeof id === 'number' && Number.isSafeInteger(id)) || (typeof id === 'string' && /^\d+$/.test(id)) ? knownProfile(String(id)) : null;
  return byId ?? knownProfile(title);
}

/** A bare JSON array of {text, …} records reads like JSON Lines. */
function readJsonArray(items: unknown[], file: string, opts: ReadOptions): RawPost[] {
  const lines = items.map((x, i) => {
    if (!x || typeof x !== 'object' || typeof (x as Record<string, unknown>).text !== 'string') {
      throw new InputError(`${file}: not a channel export (item ${i + 1} of the top-level array has no "text")`);
    }
    return JSON.stringify(x);
  });
  return readJsonLines(lines.join('\n'), file, opts);
}

/** Where JSON.parse gave up, as "at line L, column C" (V8 does not always say). */
export function jsonErrorWhere(s: string): string {
  const pos = jsonErrorOffset(s);
  if (pos >= s.length) return `(truncated: unexpected end of input at line ${lineOf(s, s.length).line})`;
  const { line, col } = lineOf(s, pos);
  return `at line ${line}, column ${col} (offset ${pos})`;
}

function lineOf(s: string, pos: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < pos; i++) {
    if (s.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, col: pos - last };
}

/** Offset of the first syntax error of a JSON text (a small validator, used only on failure). */
function jsonErrorOffset(s: string): number {
  let i = 0;
  const ws = (): void => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\n' || s[i] === '\r' || s[i] === '\t')) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const str = (): void => {
    i++;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail();
      if (c === 92) {
        const e = s[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
            i++;
            fail();
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          fail();
        }
      } else i++;
    }
    fail();
  };
  const value = (): void => {
    ws();
    const c = s[i];
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') return void i++;
      for (;;) {
        ws();
        if (s[i] !== '"') fail();
        str();
        ws();
        if (s[i] !== ':') fail();
        i++;
        value();
        ws();
        if (s[i] === ',') i++;
        else if (s[i] === '}') return void i++;
        else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (s[i] === ',') i++;
        else if (s[i] === ']') return void i++;
        else fail();
      }
    } else if (c === '"') str();
    else {
      const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(s.slice(i, i + 400));
      if (!m) fail();
      else i += m[0].length;
    }
  };
  try {
    value();
    ws();
    return i < s.length ? i : s.length;
  } catch (pos) {
    return typeof pos === 'number' ? pos : s.length;
  }
}
