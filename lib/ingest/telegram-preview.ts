// A page of Telegram's public web preview of a channel: https://t.me/s/<channel> (its latest
// messages) and https://t.me/s/<channel>?before=<id> (those before a message), oldest first,
// about twenty a page. Each message is
//
//   div.tgme_widget_message_wrap > div.tgme_widget_message[data-post="<channel>/<id>"]
//     div.tgme_widget_message_bubble
//       div.tgme_widget_message_forwarded_from      "Forwarded from <a>…</a>": a forward
//       a.tgme_widget_message_reply                  the message it answers, quoted
//       div.tgme_widget_message_grouped_wrap         an album: its photos and videos, each a
//                                                    link to "<channel>/<id>?single"; the album is
//                                                    one message, under its first id
//       div.tgme_widget_message_text                 the text: <br> for a line break, <a> for links,
//                                                    <b>, <i> … around the text, an emoji as
//                                                    <i class="emoji"><b>😀</b></i>
//       a.tgme_widget_message_link_preview           a link's preview card
//       span.tgme_widget_message_meta                "edited" when it was, then
//         a.tgme_widget_message_date > time[datetime]  the instant, with its offset
//
// and "service_message" among the classes of a pin, a new photo and the like. A message becomes
// a post by the JSON export's rules (read.ts), so that the preview and an export of the channel
// give the same posts, and a sync after an export stores nothing new.
import { channelKey } from './channels';
import { findAll, findFirst, hasClass, htmlText, isElement, parseHtml, type HtmlDocument, type HtmlElement } from './html-text';
import { InputError } from './input-error';
import { chatContext, checkSize, messagePost } from './read';
import type { RawPost } from './types';

export interface PreviewOptions {
  /** The channel whose page this is (the <channel> of t.me/s/<channel>): a page of another is an InputError. */
  channel?: string;
  /** The page's address, which messages name; "preview page" when not given. */
  url?: string;
}

export interface PreviewPage {
  /** The channel the posts are stored under (a known channel's handle), or null for a page of no channel. */
  channel: string | null;
  /** The posts with text, in the page's order (oldest first). */
  posts: RawPost[];
  /**
   * The lowest and highest message ids on the page, posts or not (a photo without a caption, a
   * pin, each item of an album): the page before this one is ?before=<oldestId>. Null when the
   * page has no messages (there is nothing before).
   */
  oldestId: number | null;
  newestId: number | null;
  /** The ids of the posts the page marks "edited". */
  edited: string[];
}

/** What is not the message's own: the message it answers, a link's preview card, a forward's header. */
const NOT_OWN = (el: HtmlElement): boolean =>
  hasClass(el, 'tgme_widget_message_reply') || hasClass(el, 'tgme_widget_message_link_preview') || hasClass(el, 'tgme_widget_message_forwarded_from');

/** "<channel>/<id>" as its two parts; null when it is not that. */
function postRef(ref: string | undefined): { channel: string; id: number } | null {
  if (ref === undefined) return null;
  const slash = ref.lastIndexOf('/');
  const channel = ref.slice(0, slash);
  const id = ref.slice(slash + 1);
  return slash > 0 && /^[A-Za-z][A-Za-z0-9_]{3,}$/.test(channel) && /^\d{1,15}$/.test(id) ? { channel, id: Number(id) } : null;
}

/** The message ids an album's items link to (https://t.me/<channel>/<id>?single). */
function albumIds(message: HtmlElement, channel: string): number[] {
  const wrap = findFirst(message, 'div.tgme_widget_message_grouped_wrap', NOT_OWN);
  if (!wrap) return [];
  return findAll(wrap, 'a').flatMap((a) => {
    let url: URL;
    try {
      url = new URL(a.attribs.href ?? '', 'https://t.me/');
    } catch {
      return [];
    }
    const ref = postRef(url.pathname.slice(1));
    return ref && ref.channel.toLowerCase() === channel.toLowerCase() ? [ref.id] : [];
  });
}

/** Whether the message's meta line says "edited" (its date and its signature aside). */
function isEdited(message: HtmlElement): boolean {
  const meta = findFirst(message, 'span.tgme_widget_message_meta', NOT_OWN);
  if (!meta) return false;
  const said = meta.children
    .filter((n) => !isElement(n) || !(hasClass(n, 'tgme_widget_message_date') || hasClass(n, 'tgme_widget_message_from_author')))
    .map((n) => htmlText(n))
    .join(' ');
  return /\bedited\b/i.test(said);
}

/** The channel a page is of when it has no messages: its header's @handle. */
function headerChannel(page: HtmlDocument): string | null {
  const username = findFirst(page, 'div.tgme_channel_info_header_username');
  const handle = username ? htmlText(username).trim().replace(/^@/, '') : '';
  return /^[A-Za-z][A-Za-z0-9_]{3,}$/.test(handle) ? handle : null;
}

/**
 * A preview page's posts, its channel and the range of its message ids. A page cut short (a
 * connection dropped part way) is an InputError, never a page with its last post half read, as
 * is a page of another channel than opts.channel, or a message without its id or its date.
 */
export function parsePreviewPage(html: string, opts: PreviewOptions = {}): PreviewPage {
  const where = opts.url ?? 'preview page';
  const { document, open } = parseHtml(html);
  if (open.length) {
    const message = open.find((el) => hasClass(el, 'tgme_widget_message'));
    const inside = message ? `message ${message.attribs['data-post'] ?? '(no data-post)'}` : `<${open[open.length - 1]!.name}>`;
    throw new InputError(`${where}: the page is cut short: it ends inside ${inside}, before </html>; read it again`);
  }
  if (!findFirst(document, 'html')) throw new InputError(`${where}: not an HTML page (no <html> element)`);

  const messages = findAll(document, 'div.tgme_widget_message', NOT_OWN);
  let handle: string | null = null;
  const refs = messages.map((m) => {
    const ref = postRef(m.attribs['data-post']);
    if (!ref) throw new InputError(`${where}: a message without a "<channel>/<id>" data-post (${JSON.stringify(m.attribs['data-post'] ?? null)})`);
    if (handle === null) handle = ref.channel;
    else if (ref.channel.toLowerCase() !== handle.toLowerCase()) throw new InputError(`${where}: messages of two channels, ${handle} and ${ref.channel}`);
    return ref;
  });
  handle ??= headerChannel(document);
  if (handle !== null && opts.channel !== undefined && channelKey(handle) !== channelKey(opts.channel)) {
    throw new InputError(`${where}: a page of the channel ${handle}, not of ${opts.channel}`);
  }
  if (handle === null) return { channel: null, posts: [], oldestId: null, newestId: null, edited: [] };

  const chat = chatContext({ type: 'public_channel' }, handle, where, {});
  const posts: RawPost[] = [];
  const edited: string[] = [];
  const ids: number[] = [];
  messages.forEach((m, i) => {
    const ref = refs[i]!;
    ids.push(ref.id, ...albumIds(m, ref.channel));
    if (hasClass(m, 'service_message')) return;
    const link = findFirst(m, 'a.tgme_widget_message_date', NOT_OWN);
    const date = (link && findFirst(link, 'time'))?.attribs.datetime;
    if (date === undefined) throw new InputError(`${where}: message ${ref.channel}/${ref.id} has no date (a.tgme_widget_message_date time[datetime])`);
    const text = findFirst(m, 'div.tgme_widget_message_text', NOT_OWN);
    // Telegram keeps no spaces around a message's text; whatever the markup has there is layout.
    const post = messagePost({ id: ref.id, type: 'message', date, text: text ? htmlText(text).trim() : '' }, i, chat, where, posts.length);
    if (!post) return;
    checkSize(post, posts.length + 1, where);
    posts.push(post);
    if (isEdited(m)) edited.push(post.externalId!);
  });
  return {
    channel: chat.channel,
    posts,
    oldestId: ids.length ? Math.min(...ids) : null,
    newestId: ids.length ? Math.max(...ids) : null,
    edited,
  };
}
