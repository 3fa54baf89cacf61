import { describe, expect, test } from 'vitest';
import {
  PREVIEW_BEFORE_19698,
  PREVIEW_BEFORE_19709,
  PREVIEW_CHANNEL,
  PREVIEW_EXPORT,
  PREVIEW_LATEST,
  PREVIEW_PAGES,
  PREVIEW_TRUNCATED,
  previewHtml,
  previewPageAt,
} from './fixtures/telegram-preview';
import { InputError, readPostsFromFile } from './read';
import { parsePreviewPage } from './telegram-preview';
import type { RawPost } from './types';

const read = (page = PREVIEW_LATEST, channel: string | undefined = PREVIEW_CHANNEL) => parsePreviewPage(previewHtml(page), { channel, url: `https://t.me${page.path}` });
const byId = (posts: RawPost[]) => new Map(posts.map((p) => [p.externalId, p]));
/** A post as the store knows it: its key, text, time and link (its place in its file aside). */
const stored = ({ seq: _seq, ...p }: RawPost) => p;

/** The latest page with one message's markup changed. */
function edited(change: (html: string) => string): string {
  const html = previewHtml(PREVIEW_LATEST);
  const out = change(html);
  expect(out).not.toBe(html);
  return out;
}

describe('a page of Telegram’s web preview', () => {
  test('its posts are the posts of the JSON export of the channel: the same key, text, time and link', async () => {
    const exported = await readPostsFromFile(PREVIEW_EXPORT);
    const previewed = [...read(PREVIEW_BEFORE_19709).posts, ...read(PREVIEW_LATEST).posts];
    expect(previewed.map(stored)).toEqual(exported.map(stored));
    expect(previewed.every((p) => p.channel === 'MFARussia' && p.url === `https://t.me/MFARussia/${p.externalId}`)).toBe(true);
  });

  test.each(PREVIEW_PAGES.map((p) => [p.path, p] as const))('%s: its posts and the range of its ids', (_path, page) => {
    const got = read(page);
    expect(got.channel).toBe('MFARussia');
    expect(got.posts.map((p) => p.externalId)).toEqual(page.postIds);
    expect(got.posts.map((p) => p.seq)).toEqual(page.postIds.map((_, i) => i));
    expect([got.oldestId, got.newestId]).toEqual([page.oldestId, page.newestId]);
  });

  test.each([
    [
      '19709',
      'a reply: its own text, not the quote; markup characters',
      '⚡️ Maria Zakharova: The EU\'s statements are "unacceptable" & <counter-productive>.',
      '2023-09-19T10:00:00.000Z',
    ],
    ['19712', 'edited', '🇷🇺🇻🇪 On September 20, Sergey Lavrov held talks with Minister of Foreign Affairs of Venezuela Yvan Gil on the sidelines of the #UNGA78 in New York.', '2023-09-20T11:05:31.000Z'],
    [
      '19713',
      'a link with its preview card: the text, not the card',
      '📄 Statement by Sergey Lavrov at the UN Security Council meeting on Ukraine, New York, September 20, 2023\n\nRead in full: https://mid.ru/en/foreign_policy/news/1905200/',
      '2023-09-20T14:30:00.000Z',
    ],
    ['19715', 'emoji, italic, links as their text', "❗️ Sergey Lavrov: We are ready for dialogue, but not on the basis of 'rules' invented by someone.\n\nWatch: YouTube | Rutube", '2023-09-21T07:15:00.000Z'],
  ])('latest page, %s: %s', (id, _what, text, postedAt) => {
    const post = byId(read().posts).get(id);
    expect(post?.text).toBe(text);
    expect(post?.postedAt?.toISOString()).toBe(postedAt);
  });

  test('an edited post is marked; the others are not', () => {
    expect(read().edited).toEqual(['19712']);
    expect(read(PREVIEW_BEFORE_19709).edited).toEqual([]);
  });

  test('a pin (a service message) is no post, but its id counts for the page', () => {
    const got = read();
    expect(got.posts.map((p) => p.externalId)).not.toContain('19710');
    expect(previewHtml(PREVIEW_LATEST)).toContain('class="tgme_widget_message service_message js-widget_message" data-post="MFARussia/19710"');
  });

  test('an album is one post with its caption, under its first id; its items count for the range', () => {
    const got = read(PREVIEW_BEFORE_19709);
    const album = byId(got.posts).get('19705');
    expect(album?.text).toBe('📸 Sergey Lavrov arrived in New York to take part in the high-level week of the 78th session of the UN General Assembly.\n\n#UNGA78');
    expect(got.posts.map((p) => p.externalId)).not.toContain('19706');
    expect(got.newestId).toBe(19707);
  });

  test('a forwarded post is a post of the channel that forwarded it, with the text it forwarded', () => {
    const post = byId(read(PREVIEW_BEFORE_19709).posts).get('19703');
    expect(post).toMatchObject({
      channel: 'MFARussia',
      url: 'https://t.me/MFARussia/19703',
      text: '🇷🇺🇹🇷 18 сентября состоялся телефонный разговор С.В.Лаврова с Министром иностранных дел Турецкой Республики Х.Фиданом.\n\nОбсуждены актуальные вопросы двусторонней повестки.',
    });
  });

  test('a video without a caption is no post, and the oldest id of its page all the same', () => {
    const got = read(PREVIEW_BEFORE_19709);
    expect(got.posts[0]!.externalId).toBe('19699');
    expect(got.oldestId).toBe(19698);
  });

  test('the page before the first message has none: nothing before it', () => {
    expect(read(PREVIEW_BEFORE_19698)).toEqual({ channel: 'MFARussia', posts: [], oldestId: null, newestId: null, edited: [] });
  });

  test('the channel is compared as t.me compares it, and a known channel is stored under its handle', () => {
    for (const channel of ['mfarussia', '@MFARussia', 'MFA Russia 🇷🇺', undefined]) expect(read(PREVIEW_LATEST, channel).channel).toBe('MFARussia');
    const unknown = parsePreviewPage(previewHtml(PREVIEW_LATEST).replaceAll('MFARussia/', 'rus_embassy/'), { channel: 'rus_embassy' });
    expect(unknown.channel).toBe('rus_embassy');
    expect(unknown.posts[0]).toMatchObject({ channel: 'rus_embassy', externalId: '19709', url: 'https://t.me/rus_embassy/19709' });
  });
});

describe('a page that cannot be read whole is an InputError, never a post half read', () => {
  test('a page cut short, as a dropped connection leaves it', () => {
    const html = previewHtml(PREVIEW_TRUNCATED);
    expect(html.length).toBeLessThan(previewHtml(PREVIEW_LATEST).length);
    expect(() => parsePreviewPage(html, { channel: 'MFARussia', url: 'https://t.me/s/MFARussia' })).toThrow(
      new InputError('https://t.me/s/MFARussia: the page is cut short: it ends inside message MFARussia/19713, before </html>; read it again'),
    );
  });

  test.each([
    ['cut between two messages', () => previewHtml(PREVIEW_LATEST).slice(0, previewHtml(PREVIEW_LATEST).indexOf('<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="MFARussia/19715"')), /cut short: it ends inside <section>/],
    ['cut after the last message', () => previewHtml(PREVIEW_LATEST).slice(0, previewHtml(PREVIEW_LATEST).indexOf('</body>')), /cut short: it ends inside <body>/],
    ['empty', () => '', /not an HTML page \(no <html> element\)/],
    ['of another channel', () => previewHtml(PREVIEW_LATEST), /a page of the channel MFARussia, not of MID_Russia$/, 'MID_Russia'],
    ['messages of two channels', () => edited((h) => h.replace('data-post="MFARussia/19715"', 'data-post="MID_Russia/19715"')), /messages of two channels, MFARussia and MID_Russia$/],
    ['a message without its id', () => edited((h) => h.replace('data-post="MFARussia/19715"', 'data-post=""')), /a message without a "<channel>\/<id>" data-post \(""\)$/],
    ['a message without its date', () => edited((h) => h.replace('<time datetime="2023-09-21T07:15:00+00:00" class="time">07:15</time>', '')), /message MFARussia\/19715 has no date/],
    ['a date that cannot be read', () => edited((h) => h.replace('datetime="2023-09-21T07:15:00+00:00"', 'datetime="yesterday"')), /message 5 \(id 19715\) has an unreadable "date" \("yesterday"\)$/],
  ])('%s', (_name, html, message, channel = 'MFARussia') => {
    let err: unknown = null;
    try {
      parsePreviewPage(html(), { channel, url: 'https://t.me/s/MFARussia' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(message);
  });
});

describe('the fixture pages, served as t.me serves them', () => {
  test.each([
    ['/s/MFARussia', PREVIEW_LATEST],
    ['https://t.me/s/mfarussia', PREVIEW_LATEST],
    ['/s/MFARussia/', PREVIEW_LATEST],
    ['http://127.0.0.1:4321/s/MFARussia?before=19709', PREVIEW_BEFORE_19709],
    ['/s/MFARussia?before=19698', PREVIEW_BEFORE_19698],
    ['/s/MFARussia?before=19000', null],
    ['/s/MID_Russia', null],
  ])('%s', (address, page) => {
    expect(previewPageAt(address)).toBe(page);
  });

  test('paging back from the latest page by its oldest id reaches every page, then none', () => {
    let page = previewPageAt('/s/MFARussia');
    const seen: string[] = [];
    while (page) {
      seen.push(page.path);
      const { oldestId } = read(page);
      page = oldestId === null ? null : previewPageAt(`/s/MFARussia?before=${oldestId}`);
    }
    expect(seen).toEqual(PREVIEW_PAGES.map((p) => p.path));
  });
});
