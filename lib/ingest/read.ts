// Reading posts from files: Telegram Desktop exports (JSON, and HTML: telegram-html.ts), JSON
// Lines and plain text.
//
// A Telegram Desktop export ("Export chat history", JSON) of a channel is one object: "name",
// "type" ("public_channel", "private_channel"), "id", then "messages", a list in which each
// message has "id", "type" ("message", or "service" for pins and the like), "date" (the wall
// time of the machine that made the export, no offset), since 2021 "date_unixtime" (seconds, as
// a string), and "text": a string, or a list of strings and {type, text} pieces, which
// "text_entities" repeats as pieces only. An album's other photos are messages with empty text.
// A whole-account export holds the chats in "chats": {"list": […]} and "left_chats", each
// chat like a one-chat export. Control characters in text come as \xHH, which JSON does not
// allow. Exports run to gigabytes, so files are read as streams (read-stream.ts, json-walk.ts):
// memory holds one message at a time, not the file. The HTML export (a folder of pages) and
// Telegram's web preview (telegram-preview.ts) are read into the same messages, and made posts
// by the same rules, so that one post read from any of them is the same post.
import { stat } from 'node:fs/promises';
import nodePath from 'node:path';
import { knownProfile, postNumber, postUrl, profileFor, type ChannelProfile } from './channels';
import { FIRST_YEAR, LAST_YEAR } from './dates';
import { isHtmlPage } from './html-text';
import { InputError } from './input-error';
import { JsonSyntaxError, JsonWalker, type Kind, type Plan, type Walk } from './json-walk';
import {
  BINARY_FILE,
  FORMATS_READ,
  STDIN,
  checkedPieces,
  firstBadUtf8,
  fixHexEscapeBytes,
  fixHexEscapes,
  inputName,
  openInput,
  peek,
  readHead,
  type Input,
} from './read-stream';
import { splitPlainText } from './split-text';
import { ExportPage, exportPages, isExportPage, pageNumber, type PageMessage } from './telegram-html';
import type { InputFormat, Lang, RawPost } from './types';
import { instantOfWallTime, wallAsUtc, type WallTime } from '@/lib/domain/calendar';

export { InputError, STDIN, type Input };

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
  /**
   * The IANA time zone of dates written without an offset in posts of a channel that has no
   * profile (a known channel's own zone comes first). By default the default profile's zone;
   * null when there is none, and such a date is then an error that says so.
   */
  defaultTimeZone?: string | null;
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
  if (m[1]!.toLowerCase() === channel.trim().replace(/^@/, '').toLowerCase()) return m[2]!;
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

// ---------------------------------------------------------------------------------------
// Files, pipes and standard input

/**
 * Every post of a file (or of standard input, "-"), read as a stream: an export or JSON Lines
 * file is never held whole, only its posts.
 */
export async function readPostsFromFile(path: string, opts: ReadOptions = {}): Promise<RawPost[]> {
  const out: RawPost[] = [];
  for await (const batch of streamPostsFromFile(path, opts, 10_000)) for (const p of batch) out.push(p);
  return out;
}

/**
 * Posts of a file in batches, in memory that does not grow with the file: JSON Lines and
 * Telegram exports are read as streams; plain text, which is split by looking at whole posts
 * around each other, is read whole. The format is told from the first bytes, so a pipe or
 * standard input ("-") works like a file. A bad post stops the stream with an InputError, so a
 * caller writing batches in one transaction writes nothing.
 */
export async function* streamPostsFromFile(path: string, opts: ReadOptions = {}, batchSize = 2000): AsyncGenerator<RawPost[]> {
  const html = await htmlExportOf(path, opts.format);
  if (html) {
    const pages = html.pages.map((page) => ({ name: page, chunks: async () => (await openInput(page)).chunks() }));
    yield* htmlExportBatches(html.folder, pages, opts, batchSize);
  } else yield* streamPosts(await openInput(path), opts, batchSize);
}

/**
 * The Telegram Desktop HTML export a path reads: a folder's pages, or, for one of its pages
 * (messages.html, messages2.html …), every page of its folder, in order; null for another input
 * (a page out of its folder is read alone, as the file it is). A folder that is no export is an
 * InputError.
 */
export async function htmlExportOf(path: string, format?: InputFormat): Promise<{ folder: string; pages: string[] } | null> {
  if (path === STDIN || (format !== undefined && format !== 'telegram-html')) return null;
  const info = await stat(path).catch(() => null);
  // What is wrong with a path that is not there, openInput says.
  if (!info) return null;
  if (info.isDirectory()) {
    const pages = await exportPages(path);
    if (!pages) throw new InputError(`${path}: is a directory, and not a Telegram Desktop HTML export (no messages.html in it); ${FORMATS_READ}`);
    return { folder: path, pages };
  }
  if (!info.isFile() || pageNumber(path) === null) return null;
  if (format === undefined && !isExportPage(await readHead(path))) return null;
  const folder = nodePath.dirname(path);
  const pages = await exportPages(folder);
  return pages ? { folder, pages } : null;
}

/** streamPostsFromFile of an input opened already (a file, a pipe, bytes in memory). */
export async function* streamPosts(input: Input, opts: ReadOptions = {}, batchSize = 2000): AsyncGenerator<RawPost[]> {
  const file = input.name;
  // A JSON Lines file is told by its whole first line, and a first post can be long.
  const { head, chunks } = await peek(input.chunks(), MAX_LINE_CHARS * 3);
  if (head.length === 0) throw new InputError(file === inputName(STDIN) ? `${file}: nothing was read (the input is empty)` : `${file}: file is empty`);
  const start = new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '');
  const format = opts.format ?? detectFormat(start);
  if (!opts.format) refuseOtherHtml(start, format, file);
  if (format === 'telegram') yield* telegramBatches(input, chunks, opts, batchSize);
  else if (format === 'jsonl') yield* jsonlBatches(file, chunks, opts, batchSize);
  else if (format === 'telegram-html') yield* htmlExportBatches(file, [{ name: file, chunks: async () => chunks }], opts, batchSize);
  else {
    const parts: Buffer[] = [];
    for await (const c of chunks) parts.push(c);
    const posts = readPosts(decodeWhole(file, Buffer.concat(parts)), { ...opts, format, fileName: file });
    for (let i = 0; i < posts.length; i += batchSize) yield posts.slice(i, i + batchSize);
  }
}

/** A whole file's bytes as text, or the InputError that says why they are not text. */
function decodeWhole(file: string, buf: Buffer): string {
  if (buf.length === 0) throw new InputError(`${file}: file is empty`);
  const nul = buf.indexOf(0);
  if (nul >= 0) throw new InputError(`${file}: NUL byte at offset ${nul}; ${BINARY_FILE}`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch (e) {
    if (e instanceof TypeError) throw new InputError(`${file}: not valid UTF-8 text (first bad byte at offset ${firstBadUtf8(buf)})`, { cause: e });
    // Past V8's longest string (about 512 MB) text cannot be held at once.
    throw new InputError(`${file}: too large to read as plain text (${(buf.length / 1e6).toFixed(0)} MB); give its posts as JSON Lines`, { cause: e });
  }
}

/** Posts in batches of exactly batchSize (the last one smaller), as they are read. */
class Batcher {
  private batch: RawPost[] = [];
  count = 0;
  constructor(private readonly file: string) {}
  add(p: RawPost | null): void {
    if (!p) return;
    checkSize(p, this.count + 1, this.file);
    this.count++;
    this.batch.push(p);
  }
  *full(batchSize: number): Generator<RawPost[]> {
    while (this.batch.length >= batchSize) yield this.batch.splice(0, batchSize);
  }
  *rest(): Generator<RawPost[]> {
    if (this.batch.length) yield this.batch;
    this.batch = [];
  }
}

async function* jsonlBatches(file: string, chunks: AsyncIterable<Buffer>, opts: ReadOptions, batchSize: number): AsyncGenerator<RawPost[]> {
  // Pieces hold whole characters and are checked UTF-8 already; the file's byte order mark is
  // gone, and a U+FEFF at the start of a later piece is a character of the text.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const out = new Batcher(file);
  let rest = '';
  let lineNo = 0;
  const take = (row: string) => {
    lineNo++;
    out.add(jsonlRecord(row, lineNo, file, opts, out.count));
  };
  for await (const piece of checkedPieces(file, chunks)) {
    const rows = (rest + decoder.decode(piece)).split('\n');
    rest = rows.pop() ?? '';
    if (rest.length > MAX_LINE_CHARS) throw new InputError(`${file}: line ${lineNo + rows.length + 1} is over ${MAX_LINE_CHARS} characters long`);
    for (const row of rows) {
      take(row);
      yield* out.full(batchSize);
    }
  }
  if (rest.trim()) take(rest);
  yield* out.full(batchSize);
  if (out.count === 0) throw new InputError(`${file}: no posts with text`);
  yield* out.rest();
}

export function detectFormat(content: string): InputFormat {
  const t = content.trimStart();
  // A page of the HTML export is told by its structure: its header and its history of messages.
  if (t.startsWith('<') && isExportPage(t)) return 'telegram-html';
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
  if (nul >= 0) throw new InputError(`${file}: NUL character at offset ${nul}; ${BINARY_FILE}`);
  const format = opts.format ?? detectFormat(text);
  if (!opts.format) refuseOtherHtml(text, format, file);
  if (format === 'telegram') return readTelegram(text, file, opts);
  if (format === 'jsonl') return readJsonLines(text, file, opts);
  if (format === 'telegram-html') return readHtmlPage(text, file, opts);
  const posts = readText(text, opts);
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
// Dates

/** The zone of dates without an offset for a channel: its profile's, else the default's. */
function zoneOf(profile: ChannelProfile | null, opts: ReadOptions): string | null {
  if (profile) return profile.timeZone;
  return opts.defaultTimeZone === undefined ? profileFor(null).timeZone : opts.defaultTimeZone;
}

/** ISO 8601 as files write it: a day, or a day and a time, with or without an offset. */
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|[+-]\d{2}(?::?\d{2})?))?)?$/;
/**
 * Dates in other forms (RFC 2822 "Wed, 20 Sep 2023 23:30:00 +0300", Date#toString) that end in
 * a zone Date.parse knows; without one Date.parse would read them in the machine's zone.
 */
const NAMED_ZONE_RE = /(?:\d[Zz]|\b(?:UTC?|GMT|[ECMP][SD]T)(?:\s*[+-]\d{2}:?\d{2})?|\d:\d{2}(?::\d{2}(?:\.\d+)?)?\s*[+-]\d{2}:?\d{2})\s*(?:\([^)]*\))?$/i;

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
// Only asked of a month from 1 to 12.
const daysIn = (y: number, m: number): number => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

/**
 * A wall time in a zone as an instant. Outside the years read (and a day around them) it is
 * taken as UTC: it is refused as out of range all the same, and Intl writes eras for such years.
 */
function inZone(wall: WallTime, zone: string): number {
  if (wall.year < FIRST_YEAR - 1 || wall.year > LAST_YEAR + 1) return wallAsUtc(wall);
  return instantOfWallTime(wall, zone);
}

/**
 * 'zone': a date without an offset, and no zone to read it in; 'range': a year, as written,
 * outside the years read (the instant's own year is checked by postDate).
 */
function parseDate(v: unknown, zone: string | null): Date | null | 'bad' | 'zone' | 'range' {
  if (v === undefined || v === null || v === '') return null;
  let t: number;
  if (typeof v === 'number') t = new Date(v < 1e12 ? v * 1000 : v).getTime();
  else if (typeof v !== 'string') return 'bad';
  else if (/^\d{9,11}$/.test(v)) t = Number(v) * 1000;
  else {
    const m = ISO_RE.exec(v);
    if (m) {
      const part = (i: number): number => Number(m[i] ?? 0);
      const [year, month, day, hour, minute, second] = [part(1), part(2), part(3), part(4), part(5), part(6)];
      const millisecond = Number(((m[7] ?? '') + '000').slice(0, 3));
      // Date would roll a day that does not exist over into the next month ("2023-02-30" is 2 March).
      if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return 'bad';
      if (minute > 59 || second > 59 || hour > 24 || (hour === 24 && minute + second + millisecond > 0)) return 'bad';
      if (year < FIRST_YEAR || year > LAST_YEAR) return 'range';
      const wall: WallTime = { year, month, day, hour, minute, second, millisecond };
      const offset = m[8];
      if (offset === undefined) {
        // No offset: the time the channel's clocks showed, not the reading machine's.
        if (zone === null) return 'zone';
        t = inZone(wall, zone);
      } else if (offset === 'Z' || offset === 'z') t = wallAsUtc(wall);
      else {
        const [, sign, oh, om = '0'] = /^([+-])(\d{2}):?(\d{2})?$/.exec(offset) ?? [];
        if (Number(oh) > 23 || Number(om) > 59) return 'bad';
        t = wallAsUtc(wall) - (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
      }
    } else if (NAMED_ZONE_RE.test(v)) t = Date.parse(v);
    else {
      // Another form without a zone ("September 20, 2023 23:30"): its wall time, read in the zone.
      const utc = Date.parse(`${v} GMT`);
      if (Number.isNaN(utc)) return 'bad';
      if (zone === null) return 'zone';
      const d = new Date(utc);
      if (d.getUTCFullYear() < FIRST_YEAR || d.getUTCFullYear() > LAST_YEAR) return 'range';
      t = inZone(
        { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), millisecond: d.getUTCMilliseconds() },
        zone,
      );
    }
  }
  return Number.isNaN(t) ? 'bad' : new Date(t);
}

/** A post's timestamp, or an InputError that says which post and why. */
function postDate(v: unknown, where: string, zone: string | null): Date | null {
  const d = parseDate(v, zone);
  const shown = JSON.stringify(v)?.slice(0, 60);
  if (d === 'bad') throw new InputError(`${where} has an unreadable "date" (${shown})`);
  if (d === 'zone') {
    throw new InputError(
      `${where} has a "date" without a time zone (${shown}) and its channel has no profile to give one: write the offset (2023-09-20T23:30:00+03:00) or give the channel a timeZone in lib/ingest/data/channels.json`,
    );
  }
  // The year as written and the instant's year in UTC must both be in range: 1 January 2101 in
  // Moscow is still 2100 in UTC, and midnight of 1 January 1900 there is still 1899.
  if (d === 'range' || (d && (d.getUTCFullYear() < FIRST_YEAR || d.getUTCFullYear() > LAST_YEAR))) {
    throw new InputError(`${where} has a "date" out of range (${shown}; posts from ${FIRST_YEAR} to ${LAST_YEAR} are read)`);
  }
  return d;
}

// ---------------------------------------------------------------------------------------
// JSON Lines

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
  return recordPost(v as Record<string, unknown>, `${file}: line ${lineNo}`, opts, seq);
}

/** A record ({text, id, date, channel, lang, url}) as a post; null when its text is empty. */
function recordPost(rec: Record<string, unknown>, where: string, opts: ReadOptions, seq: number): RawPost | null {
  if (typeof rec.text !== 'string') throw new InputError(`${where} has no "text" string`);
  // The zone of its date is its channel's; a name too long for a channel has no profile.
  const named = typeof rec.channel === 'string' ? cleanText(rec.channel) : '';
  const date = postDate(rec.date, where, zoneOf(knownProfile((named.length <= MAX_ID_CHARS && named) || (opts.channel ?? null)), opts));
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
    if (post) {
      checkSize(post, out.length + 1, file);
      out.push(post);
    }
  });
  if (out.length === 0) throw new InputError(`${file}: no posts with text`);
  return out;
}

/** A post over MAX_POST_BYTES is an InputError that names it (the n-th of its file). */
export function checkSize(p: RawPost, n: number, file: string): void {
  const bytes = Buffer.byteLength(p.text, 'utf8');
  if (bytes > MAX_POST_BYTES) {
    const where = p.externalId ? ` (id ${p.externalId})` : '';
    const size = bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1e3)} KB`;
    throw new InputError(`${file}: post ${n}${where} is ${size}, over the ${MAX_POST_BYTES / 1e3} KB limit`);
  }
}

// ---------------------------------------------------------------------------------------
// Telegram Desktop export: what a chat and a message become, read whole or as a stream

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

/** What a chat's posts share: the channel they are stored under, its profile, its zone. */
export interface ChatContext {
  channel: string | null;
  profile: ChannelProfile | null;
  /** The channel named for the file (--channel), which its links are made for. */
  given: string | null;
  zone: string | null;
}

/**
 * What a chat's posts share, from the chat as the JSON export writes it ({name, type, id}):
 * the HTML readers give their chats in the same terms, to be stored alike.
 */
export function chatContext(chat: Record<string, unknown>, given: string | null, file: string, opts: ReadOptions): ChatContext {
  const title = given === null ? idString(chat.name, 'name', `${file}: the channel`) : null;
  const profile = given !== null ? knownProfile(given) : recognise(chat.id, title);
  // A known channel is stored under its handle whatever the file calls it, so that its posts
  // have one key and one link however they came in.
  return { channel: profile ? profile.handle : (given ?? title), profile, given, zone: zoneOf(profile, opts) };
}

/** The profile of an exported channel: by its numeric id, which stays, else by its title. */
function recognise(id: unknown, title: string | null): ChannelProfile | null {
  const byId = (typeof id === 'number' && Number.isSafeInteger(id)) || (typeof id === 'string' && /^\d+$/.test(id)) ? knownProfile(String(id)) : null;
  return byId ?? knownProfile(title);
}

/** A one-chat export must be of a channel (a chat without a type is taken for one). */
function checkChatType(chat: Record<string, unknown>, file: string): void {
  const type = typeof chat.type === 'string' ? chat.type : null;
  if (type && !CHANNEL_TYPES.has(type)) throw new InputError(`${file}: not a channel export (the chat type is "${type}")`);
}

/** --channel names the channel of a file; an account export of several has no one name. */
function severalChannels(file: string): InputError {
  return new InputError(`${file}: the export holds more than one channel, and --channel names one: leave --channel out, each channel is recognised by its own name`);
}

/**
 * A message of the export as a post; null for service messages, albums' photos and empty text.
 * Forwarded messages are posts of the chat like any other (their "forwarded_from" is not read).
 * The HTML readers give their messages in the same terms ({id, type, date, text}).
 */
export function messagePost(m: unknown, index: number, chat: ChatContext, file: string, seq: number): RawPost | null {
  if (!m || typeof m !== 'object') return null;
  const msg = m as Record<string, unknown>;
  if (msg.type !== 'message') return null;
  const where = `${file}: message ${index + 1}${typeof msg.id === 'number' || typeof msg.id === 'string' ? ` (id ${String(msg.id).slice(0, 40)})` : ''}`;
  // The exporter writes text as a string or a list of pieces; anything else is not its file.
  if (msg.text !== undefined && typeof msg.text !== 'string' && !Array.isArray(msg.text)) {
    throw new InputError(`${where} has a "text" that is neither a string nor a list`);
  }
  const text = cleanText(textOf(msg));
  if (!text.trim()) return null;
  const id = idString(msg.id, 'id', where);
  // Without date_unixtime (exports before 2021) "date" is a wall time with no offset: the
  // channel's zone is the best reading of it, and the same on every machine.
  const unix = typeof msg.date_unixtime === 'string' && /^\d+$/.test(msg.date_unixtime) ? Number(msg.date_unixtime) : null;
  const postedAt = postDate(unix ?? msg.date, where, chat.zone);
  return { channel: chat.channel, externalId: id, postedAt, lang: null, text, url: linkOf(chat.profile, chat.given, id), seq };
}

/** An item of a top-level array: a record, read like a JSON Lines row (the item's number is its line). */
function arrayItemPost(x: unknown, i: number, file: string, opts: ReadOptions, seq: number): RawPost | null {
  if (!x || typeof x !== 'object' || typeof (x as Record<string, unknown>).text !== 'string') {
    throw new InputError(`${file}: not a channel export (item ${i + 1} of the top-level array has no "text")`);
  }
  return recordPost(x as Record<string, unknown>, `${file}: line ${i + 1}`, opts, seq);
}

/** One JSON Lines record on its own (a first line too long to tell the format by). */
const isLoneRecord = (obj: Record<string, unknown>, has: (key: string) => boolean): boolean => typeof obj.text === 'string' && !has('messages') && !has('chats');

function readTelegram(content: string, file: string, opts: ReadOptions): RawPost[] {
  const fixed = fixHexEscapes(content);
  let root: unknown;
  try {
    root = JSON.parse(fixed);
  } catch (e) {
    throw new InputError(`${file}: malformed JSON ${jsonErrorWhere(fixed)}`, { cause: e });
  }
  const out: RawPost[] = [];
  const add = (p: RawPost | null): void => {
    if (!p) return;
    checkSize(p, out.length + 1, file);
    out.push(p);
  };
  if (Array.isArray(root)) root.forEach((x, i) => add(arrayItemPost(x, i, file, opts, out.length)));
  else if (!root || typeof root !== 'object') throw new InputError(`${file}: not a Telegram channel export (top level is not an object)`);
  else {
    const obj = root as Record<string, unknown>;
    if (isLoneRecord(obj, (k) => k in obj)) add(arrayItemPost(obj, 0, file, opts, 0));
    else if ('messages' in obj && !Array.isArray(obj.messages)) throw new InputError(`${file}: not a channel export ("messages" is not a list)`);
    else if (Array.isArray(obj.messages)) {
      checkChatType(obj, file);
      const chat = chatContext(obj, opts.channel ?? null, file, opts);
      obj.messages.forEach((m, i) => add(messagePost(m, i, chat, file, out.length)));
    } else {
      // The lists in the order the file has them, as a stream meets them.
      const lists = Object.keys(obj)
        .filter((k) => k === 'chats' || k === 'left_chats')
        .flatMap((k) => {
          const c = obj[k];
          return c && typeof c === 'object' && Array.isArray((c as Record<string, unknown>).list) ? ((c as Record<string, unknown>).list as unknown[]) : [];
        });
      if (!lists.length && !('chats' in obj)) throw new InputError(`${file}: not a Telegram export (no "messages" and no "chats.list")`);
      const chats = lists.filter(
        (c): c is Record<string, unknown> => !!c && typeof c === 'object' && CHANNEL_TYPES.has(String((c as Record<string, unknown>).type)),
      );
      if (!chats.length) throw new InputError(`${file}: not a channel export (the account export holds no channels)`);
      if (chats.length > 1 && opts.channel) throw severalChannels(file);
      for (const c of chats) {
        const chat = chatContext(c, opts.channel ?? null, file, opts);
        const messages = Array.isArray(c.messages) ? c.messages : [];
        messages.forEach((m, i) => add(messagePost(m, i, chat, file, out.length)));
      }
    }
  }
  if (out.length === 0) throw new InputError(`${file}: no posts with text`);
  return out;
}

/** Where the posts of a streamed export go, and what they are numbered from. */
interface Sink {
  readonly count: number;
  add(p: RawPost | null): void;
}

/**
 * A chat of a streamed export. Its messages are made posts as they arrive once its type, name
 * and id are known (the exporter writes them first); a file that writes them later has its
 * messages kept until the chat closes, so that every post is read as a whole read reads it.
 */
class StreamedChat {
  private readonly keys = new Set<string>();
  private chat: ChatContext | 'skip' | null = null;
  private kept: [unknown, number][] = [];

  constructor(
    private readonly reader: StreamedExport,
    /** The export's own top level (a one-chat export), not an entry of an account's list. */
    private readonly top: boolean,
    readonly fields: Record<string, unknown> = {},
  ) {}

  /** A member of the chat object (for the top level, the members it passes on). */
  member(key: string, kind: Kind): Plan {
    if (key === 'name' || key === 'type' || key === 'id') return { keep: (v) => this.field(key, v) };
    if (key === 'messages' && kind === 'array') return { walk: this.messages() };
    return null;
  }

  field(key: string, v: unknown): void {
    this.fields[key] = v;
    this.keys.add(key);
  }

  readonly walk: Walk = { member: (key, kind) => this.member(String(key), kind), end: () => this.close() };

  messages(): Walk {
    this.decideIfKnown();
    return {
      member: (i) => (this.chat === 'skip' ? null : { keep: (m) => this.message(m, Number(i)) }),
    };
  }

  private message(m: unknown, i: number): void {
    if (this.chat === null) this.kept.push([m, i]);
    else if (this.chat !== 'skip') this.reader.sink.add(messagePost(m, i, this.chat, this.reader.file, this.reader.sink.count));
  }

  private decideIfKnown(): void {
    if (this.chat !== null || !this.keys.has('type')) return;
    // Another kind of chat in an account export is skipped without building its messages.
    if (!this.top && !CHANNEL_TYPES.has(String(this.fields.type))) this.chat = 'skip';
    else if (this.top) checkChatType(this.fields, this.reader.file);
    if (this.chat === null && this.keys.has('name') && this.keys.has('id')) this.decide();
  }

  private decide(): void {
    const { file, opts } = this.reader;
    if (this.top) checkChatType(this.fields, file);
    else if (!CHANNEL_TYPES.has(String(this.fields.type))) {
      this.chat = 'skip';
      return;
    } else if (++this.reader.channels > 1 && opts.channel) throw severalChannels(file);
    this.chat = chatContext(this.fields, opts.channel ?? null, file, opts);
  }

  close(): void {
    if (this.chat === null) this.decide();
    const kept = this.kept;
    this.kept = [];
    for (const [m, i] of kept) this.message(m, i);
  }
}

/** The plans of a streamed export: what of the document is walked, kept or dropped. */
class StreamedExport {
  private shape: 'array' | 'object' | 'scalar' | null = null;
  private readonly keys = new Set<string>();
  private readonly top: StreamedChat;
  private single = false;
  private lists = 0;
  channels = 0;

  constructor(
    readonly file: string,
    readonly opts: ReadOptions,
    readonly sink: Sink,
  ) {
    this.top = new StreamedChat(this, true);
  }

  root(kind: Kind): Plan {
    if (kind === 'scalar') {
      this.shape = 'scalar';
      return null;
    }
    if (kind === 'array') {
      this.shape = 'array';
      return { walk: { member: (i) => ({ keep: (x) => this.sink.add(arrayItemPost(x, Number(i), this.file, this.opts, this.sink.count)) }) } };
    }
    this.shape = 'object';
    return { walk: { member: (key, k) => this.rootMember(String(key), k) } };
  }

  private rootMember(key: string, kind: Kind): Plan {
    this.keys.add(key);
    if (key === 'messages') {
      if (kind !== 'array') throw new InputError(`${this.file}: not a channel export ("messages" is not a list)`);
      this.single = true;
      return this.top.member(key, kind);
    }
    if (key === 'name' || key === 'type' || key === 'id') return this.top.member(key, kind);
    // What a lone record needs (isLoneRecord); the rest of the top level is not read.
    if (key === 'text' || key === 'date' || key === 'channel' || key === 'lang' || key === 'url') return { keep: (v) => (this.top.fields[key] = v) };
    if ((key === 'chats' || key === 'left_chats') && kind === 'object' && !this.single) {
      return {
        walk: {
          member: (k, kk) => {
            if (k !== 'list' || kk !== 'array') return null;
            this.lists++;
            return { walk: { member: (_i, ck) => (ck === 'object' ? { walk: new StreamedChat(this, false).walk } : null) } };
          },
        },
      };
    }
    return null;
  }

  /** After the last byte: what can only be known of the whole document. */
  finish(): void {
    if (this.shape === 'scalar') throw new InputError(`${this.file}: not a Telegram channel export (top level is not an object)`);
    if (this.shape !== 'object') return;
    if (isLoneRecord(this.top.fields, (k) => this.keys.has(k))) this.sink.add(arrayItemPost(this.top.fields, 0, this.file, this.opts, 0));
    else if (this.single) this.top.close();
    else if (!this.lists && !this.keys.has('chats')) throw new InputError(`${this.file}: not a Telegram export (no "messages" and no "chats.list")`);
    else if (!this.channels) throw new InputError(`${this.file}: not a channel export (the account export holds no channels)`);
  }
}

/** A Telegram export (or a JSON array of records) read as a stream, in batches of posts. */
async function* telegramBatches(input: Input, chunks: AsyncIterable<Buffer>, opts: ReadOptions, batchSize: number): AsyncGenerator<RawPost[]> {
  const file = input.name;
  const out = new Batcher(file);
  const reader = new StreamedExport(file, opts, out);
  const walker = new JsonWalker((kind) => reader.root(kind));
  // The piece being read, for where a syntax error is in a pipe, which cannot be read again.
  let piece: Buffer = Buffer.alloc(0);
  let pieceStart = 0;
  let linesBefore = 0;
  try {
    for await (const raw of checkedPieces(file, chunks, { holdEscapes: true })) {
      pieceStart += piece.length;
      linesBefore = walker.line - 1;
      piece = fixHexEscapeBytes(raw);
      walker.write(piece);
      yield* out.full(batchSize);
    }
    walker.end();
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    if (!walker.sawToken) throw new InputError(`${file}: file is empty`);
    if (e.atEnd) throw new InputError(`${file}: malformed JSON (truncated: unexpected end of input at line ${walker.line})`, { cause: e });
    if (input.rereadable) {
      const at = await locate(input, e.offset);
      throw new InputError(`${file}: malformed JSON at line ${at.line}, column ${at.col} (offset ${at.char})`, { cause: e });
    }
    const inPiece = e.offset - pieceStart;
    let line = linesBefore + 1;
    if (inPiece >= 0) for (let i = piece.indexOf(0x0a); i >= 0 && i < inPiece; i = piece.indexOf(0x0a, i + 1)) line++;
    throw new InputError(`${file}: malformed JSON at line ${inPiece >= 0 ? line : walker.line} (byte ${e.offset})`, { cause: e });
  }
  reader.finish();
  yield* out.full(batchSize);
  if (out.count === 0) throw new InputError(`${file}: no posts with text`);
  yield* out.rest();
}

// ---------------------------------------------------------------------------------------
// Telegram Desktop's HTML export (telegram-html.ts): pages read one after another as one chat

/** What to say of an HTML page that is not an export page, rather than read its markup as a post. */
function refuseOtherHtml(start: string, format: InputFormat, file: string): void {
  if (format === 'text' && isHtmlPage(start.slice(0, 4096))) {
    throw new InputError(`${file}: an HTML page that is not a page of a Telegram Desktop HTML export (no div.page_header and div.history); ${FORMATS_READ}`);
  }
}

/**
 * The events of the pages of one export: each page's header names the chat, and the first one
 * decides the channel of every post; a page of another chat is an InputError.
 */
function htmlChatReader(
  exportName: string,
  file: string,
  opts: ReadOptions,
  state: { title?: string; chat?: ChatContext },
  add: (m: PageMessage, index: number, chat: ChatContext | null) => void,
): { name(title: string): void; message(m: PageMessage, index: number): void } {
  return {
    name(title: string): void {
      if (state.title === undefined) {
        state.title = title;
        state.chat = chatContext({ name: title || null }, opts.channel ?? null, file, opts);
      } else if (title !== state.title) {
        throw new InputError(`${file}: a page of the chat "${title.slice(0, 100)}", and ${exportName} is of "${state.title.slice(0, 100)}": one export's pages are read together`);
      }
    },
    message(m: PageMessage, index: number): void {
      add(m, index, state.chat ?? null);
    },
  };
}

/** A chat for messages of a page that named none (no header before them). */
function namelessChat(file: string, opts: ReadOptions): ChatContext {
  return chatContext({}, opts.channel ?? null, file, opts);
}

/** One page of the HTML export, read whole (readPosts). */
function readHtmlPage(text: string, file: string, opts: ReadOptions): RawPost[] {
  const out: RawPost[] = [];
  const events = htmlChatReader(file, file, opts, {}, (m, i, chat) => {
    const p = messagePost(m, i, chat ?? namelessChat(file, opts), file, out.length);
    if (!p) return;
    checkSize(p, out.length + 1, file);
    out.push(p);
  });
  const page = new ExportPage(file, events);
  page.write(text);
  page.end();
  if (out.length === 0) throw new InputError(`${file}: no posts with text`);
  return out;
}

/**
 * The pages of an HTML export, one after another and each as a stream, in batches of posts
 * numbered across the pages: memory holds a batch and the message being read.
 */
async function* htmlExportBatches(
  exportName: string,
  pages: { name: string; chunks: () => Promise<AsyncIterable<Buffer>> }[],
  opts: ReadOptions,
  batchSize: number,
): AsyncGenerator<RawPost[]> {
  const out = new Batcher(exportName);
  const state: { title?: string; chat?: ChatContext } = {};
  for (const { name, chunks } of pages) {
    const events = htmlChatReader(exportName, name, opts, state, (m, i, chat) => out.add(messagePost(m, i, chat ?? namelessChat(name, opts), name, out.count)));
    const page = new ExportPage(name, events);
    // Pieces hold whole characters, checked, the byte order mark dropped.
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    for await (const piece of checkedPieces(name, await chunks())) {
      page.write(decoder.decode(piece));
      yield* out.full(batchSize);
    }
    page.end();
    yield* out.full(batchSize);
  }
  if (out.count === 0) throw new InputError(`${exportName}: no posts with text`);
  yield* out.rest();
}

/**
 * Line, column and offset (in characters of the text, as jsonErrorWhere gives them) of a byte
 * offset of an export, read again from its start: a stream does not keep what it has read, and
 * the count is wanted only when a file is refused.
 */
async function locate(input: Input, offset: number): Promise<{ line: number; col: number; char: number }> {
  let bytes = 0;
  let chars = 0;
  let line = 1;
  let lastNewline = -1;
  for await (const raw of checkedPieces(input.name, input.chunks(), { holdEscapes: true })) {
    const piece = fixHexEscapeBytes(raw);
    const text = piece.toString('utf8', 0, Math.min(piece.length, offset - bytes));
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      line++;
      lastNewline = chars + i;
    }
    chars += text.length;
    bytes += piece.length;
    if (bytes >= offset) break;
  }
  return { line, col: chars - lastNewline, char: chars };
}

// ---------------------------------------------------------------------------------------
// Where JSON breaks

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
