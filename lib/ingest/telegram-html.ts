// Telegram Desktop's HTML export, the format its "Export chat history" offers first: a folder
// ChatExport_YYYY-MM-DD/ with messages.html, messages2.html, … (a thousand messages a page; the
// second page is messages2.html, the tenth messages10.html) beside css/, js/, photos/ and the
// like. Every page starts with the chat's name (div.page_header .text.bold, followed by a space,
// the empty last name of a channel) and then lists messages in div.history:
//
//   div.message.service        a day's heading (id "message-1", "message-2" …), a pin, a title
//                              change; also what the exporter cannot show (the JSON export's
//                              "unsupported")
//   div.message.default        a message (id "message41207"); ".joined" when it goes on from the
//                              one before it (same sender, within fifteen minutes): no userpic
//                              and no name then, its date all the same
//     div.body
//       div.pull_right.date.details[title]   "20.09.2023 14:05:31 UTC+03:00" (older versions
//                              without " UTC+03:00"): the exporting machine's wall time
//       div.forwarded.body     a forwarded message's header, media and text
//       div.media_wrap         a photo, a file, a poll …
//       div.text               the text: <br> for a line break, <a> for links, hashtags and
//                              mentions, <strong>, <em> … around the text, emoji as characters
//
// The exporter writes every block tag on a line of its own, indented a space per level, and
// writes every line break of the text as <br>: the line breaks inside div.text before and after
// its text are layout, not text. The offset of a date title is the one Qt names for the machine's
// zone in standard time, so a machine on summer time labels its summer wall times with its winter
// offset; only the JSON export (date_unixtime) has exact instants then.
//
// What a message becomes is the JSON export's rule (read.ts): this reads each message into the
// JSON export's terms ({id, type, date, text}) and leaves the rest to it. A page is read as a
// stream and each message dropped from the tree once read, so memory holds one message.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { DomUtils } from 'htmlparser2';
import { child, findFirst, hasClass, HtmlStream, htmlText, isElement, parseHtml, type HtmlElement } from './html-text';
import { InputError } from './input-error';
import { HTML_HEAD_BYTES } from './read-stream';

/** A message of a page, as the JSON export writes it. */
export interface PageMessage {
  /** The message id, a number; the id attribute's rest when it is not one. */
  id: number | string;
  type: 'message' | 'service';
  /** ISO 8601: "2023-09-20T14:05:31+03:00", or without the offset when the title has none. */
  date?: string;
  text?: string;
}

/** What a page gives as it is read. */
export interface PageEvents {
  /** The chat's name, from the page header, before any message. */
  name(name: string): void;
  /** A message, and its place on the page (from 0). */
  message(m: PageMessage, index: number): void;
}

/** The number of an export page's file: 1 for messages.html, n for messages{n}.html; null for another name. */
export function pageNumber(file: string): number | null {
  const m = /^messages([1-9]\d*)?\.html$/.exec(path.basename(file));
  if (!m) return null;
  return m[1] === undefined ? 1 : Number(m[1]);
}

/**
 * The message pages of an export's folder, first to last (messages10.html after messages9.html),
 * or null when the folder holds no messages.html. A page missing between two others is an
 * InputError: the export is not whole.
 */
export async function exportPages(dir: string): Promise<string[] | null> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    throw new InputError(`${dir}: cannot read the folder (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { cause: e });
  }
  const pages = new Map<number, string>();
  for (const n of names) {
    const number = pageNumber(n);
    if (number !== null) pages.set(number, n);
  }
  if (!pages.has(1)) return null;
  const last = Math.max(...pages.keys());
  for (let i = 2; i <= last; i++) {
    if (!pages.has(i)) throw new InputError(`${path.join(dir, `messages${i}.html`)}: no such file, and the export has pages up to messages${last}.html: it is not whole`);
  }
  return Array.from({ length: last }, (_, i) => path.join(dir, pages.get(i + 1)!));
}

/**
 * Whether the start of a file (its first HTML_HEAD_BYTES, the rest is not looked at) is a page of
 * the HTML export: a page with its header and its history, which come before any message.
 */
export function isExportPage(head: string): boolean {
  const bytes = Buffer.from(head.slice(0, HTML_HEAD_BYTES));
  const { document } = parseHtml(bytes.length > HTML_HEAD_BYTES ? new TextDecoder().decode(bytes.subarray(0, HTML_HEAD_BYTES)) : head.slice(0, HTML_HEAD_BYTES));
  const wrap = findFirst(document, 'div.page_wrap');
  return wrap !== null && findFirst(wrap, 'div.page_header') !== null && findFirst(wrap, 'div.history') !== null;
}

/** A date title as ISO 8601; a title in another form is given back as it is, for the reader to refuse. */
export function titleDate(title: string): string {
  const m = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})(?: UTC(?:([+-]\d{2}):?(\d{2}))?)?$/.exec(title.trim());
  if (!m) return title;
  const [, day, month, year, hour, minute, second, oh, om] = m;
  const offset = title.includes('UTC') ? (oh === undefined ? 'Z' : `${oh}:${om}`) : '';
  return `${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`;
}

const isMessage = (el: HtmlElement): boolean => el.name === 'div' && hasClass(el, 'message');

/** The id attribute of a message ("message41207") as its id. */
function messageId(el: HtmlElement): number | string {
  const id = el.attribs.id ?? '';
  const rest = id.startsWith('message') ? id.slice('message'.length) : id;
  return /^-?\d{1,15}$/.test(rest) ? Number(rest) : rest;
}

/** The text of div.text without the line breaks the exporter puts around it. */
function ownText(div: HtmlElement): string {
  const t = htmlText(div);
  const start = t.startsWith('\n') ? 1 : 0;
  let end = t.length;
  while (end > start && t[end - 1] === ' ') end--;
  return end > start && t[end - 1] === '\n' ? t.slice(start, end - 1) : t.slice(start);
}

/** A message element in the JSON export's terms. */
function pageMessage(el: HtmlElement): PageMessage {
  const id = messageId(el);
  if (hasClass(el, 'service')) return { id, type: 'service' };
  const body = child(el, 'div.body');
  const date = body && child(body, 'div.date.details');
  const forwarded = body && child(body, 'div.forwarded.body');
  const text = body && (child(body, 'div.text') ?? (forwarded && child(forwarded, 'div.text')));
  const m: PageMessage = { id, type: 'message', text: text ? ownText(text) : '' };
  if (date?.attribs.title !== undefined) m.date = titleDate(date.attribs.title);
  return m;
}

/** One page of an export read as a stream: the chat's name, then its messages, as they come. */
export class ExportPage {
  private readonly stream: HtmlStream;
  private named = false;
  private count = 0;

  constructor(
    readonly file: string,
    events: PageEvents,
  ) {
    this.stream = new HtmlStream((el) => {
      if (el.name === 'div' && hasClass(el, 'page_header') && !this.named) {
        this.named = true;
        const title = findFirst(el, 'div.text.bold');
        events.name(title ? htmlText(title).trim() : '');
        return true;
      }
      const parent = el.parent;
      if (!isMessage(el) || !parent || !isElement(parent) || !hasClass(parent, 'history')) return false;
      events.message(pageMessage(el), this.count++);
      // The layout between two messages goes with them.
      if (el.prev && !isElement(el.prev) && 'data' in el.prev && el.prev.data.trim() === '') DomUtils.removeElement(el.prev);
      return true;
    });
  }

  write(text: string): void {
    this.stream.write(text);
  }

  /** The end of the page: an InputError when it was cut short or is not an export page. */
  end(): void {
    const open = this.stream.end();
    if (open.length) {
      const message = open.find(isMessage);
      const where = message ? `inside message ${messageId(message)}` : `inside <${open[open.length - 1]!.name}>`;
      throw new InputError(`${this.file}: the page is cut short: it ends ${where}, before </html>`);
    }
    if (!this.named || !findFirst(this.stream.document, 'div.history')) {
      throw new InputError(`${this.file}: not a page of a Telegram Desktop HTML export (no div.page_header and div.history)`);
    }
  }
}
