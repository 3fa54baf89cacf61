import v8 from 'node:v8';
import vm from 'node:vm';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError, detectFormat, readPosts, readPostsFromFile, streamPosts, streamPostsFromFile } from './read';
import { memoryInput } from './read-stream';
import { exportPages, pageNumber, titleDate } from './telegram-html';
import type { RawPost } from './types';

const FIXTURES = join(__dirname, 'fixtures/telegram-export');
/** The HTML export of a channel, three pages, and the JSON export of the same channel. */
const HTML_EXPORT = join(FIXTURES, 'html/ChatExport_2023-09-22');
const JSON_EXPORT = join(FIXTURES, 'json/ChatExport_2023-09-22/result.json');
const PAGES = ['messages.html', 'messages2.html', 'messages3.html'];

const tmp = mkdtempSync(join(tmpdir(), 'sidelines-html-export-'));
let folders = 0;
/** A copy of the HTML export, its pages changed by `edit`. */
function exportCopy(edit: (html: string, page: string) => string | null = (h) => h): string {
  const dir = join(tmp, `ChatExport_${++folders}`);
  mkdirSync(dir);
  for (const page of PAGES) {
    const html = edit(readFileSync(join(HTML_EXPORT, page), 'utf8'), page);
    if (html !== null) writeFileSync(join(dir, page), html);
  }
  return dir;
}

async function collect(batches: AsyncIterable<RawPost[]>): Promise<RawPost[][]> {
  const out: RawPost[][] = [];
  for await (const b of batches) out.push(b);
  return out;
}

const errorOf = (p: Promise<unknown>): Promise<Error> => p.then(() => new Error('no error'), (e: Error) => e);

describe('Telegram Desktop HTML export', () => {
  test('its folder gives the posts of the JSON export of the same channel, equal in every field', async () => {
    const html = await readPostsFromFile(HTML_EXPORT);
    const json = await readPostsFromFile(JSON_EXPORT);
    expect(html).toEqual(json);
    expect(html.map((p) => p.externalId)).toEqual(['50002', '50004', '50006', '50007', '50008', '50010']);
    expect(html.every((p) => p.channel === 'MID_Russia' && p.url === `https://t.me/MID_Russia/${p.externalId}`)).toBe(true);
  });

  test('each page read whole gives its posts as the JSON export has them', () => {
    const json = readPosts(readFileSync(JSON_EXPORT, 'utf8'), { fileName: 'result.json' });
    const pages = PAGES.flatMap((page) => readPosts(readFileSync(join(HTML_EXPORT, page), 'utf8'), { fileName: page }));
    expect(pages.map(({ seq: _seq, ...p }) => p)).toEqual(json.map(({ seq: _seq, ...p }) => p));
  });

  const posts = readPostsFromFile(HTML_EXPORT).then((ps) => new Map(ps.map((p) => [p.externalId, p])));
  test.each([
    [
      '50002',
      'Russian, a bold date, hashtags, paragraphs, flags, quotes; a photo beside it',
      '🇷🇺🇻🇪 20 сентября в Нью-Йорке на полях 78-й сессии Генеральной Ассамблеи ООН состоялась беседа Министра иностранных дел Российской Федерации С.В.Лаврова с Министром народной власти по иностранным делам Боливарианской Республики Венесуэла И.Хилем.\n\nОбсуждены актуальные вопросы двустороннего сотрудничества, а также «горячие» темы международной повестки.\n\n#Лавров #РоссияВенесуэла',
      '2023-09-20T11:05:31.000Z',
    ],
    [
      '50004',
      'English, joined to the one before, a link as written, an ampersand',
      '🇷🇺🇯🇴 On September 20, Sergey Lavrov met with Foreign Minister of Jordan Ayman Safadi on the sidelines of the UNGA78 in New York.\n\nThe Ministers discussed the situation in Syria & the Middle East.\n\nRead more: https://mid.ru/en/foreign_policy/news/1905123/',
      '2023-09-20T11:12:09.000Z',
    ],
    [
      '50006',
      'forwarded from another channel: the text, not the header',
      '❗️ Foreign Minister Sergey Lavrov’s statement at the UN Security Council meeting on Ukraine, New York, September 20, 2023\n\nRead more',
      '2023-09-21T06:30:00.000Z',
    ],
    [
      '50007',
      'markup characters, a custom emoji, a mention and a link as their text',
      '🤝 С.В.Лавров: Мы готовы к диалогу, но <без> предварительных условий, которые \'навязывают\' нам "партнёры".\n\n🇷🇺 Подробнее на @MID_Russia: Подробнее',
      '2023-09-21T07:02:17.000Z',
    ],
    ['50008', 'a line break inside bold, joined', 'Брифинг официального представителя МИД России М.В.Захаровой\n\n📍 Москва, 21 сентября 2023 года\n\n#Захарова', '2023-09-21T07:05:40.000Z'],
    ['50010', 'after midnight in Moscow, the day before in UTC; a double space kept', '🇷🇺🇨🇳 22 сентября  в Москве состоятся переговоры С.В.Лаврова с Министром иностранных дел КНР Ван И.\nНачало — в 11:00.', '2023-09-21T21:15:03.000Z'],
  ])('message %s: %s', async (id, _what, text, postedAt) => {
    const post = (await posts).get(id);
    expect(post?.text).toBe(text);
    expect(post?.postedAt?.toISOString()).toBe(postedAt);
  });

  test('what the JSON reader skips is skipped: service messages, an album’s other photo, a video without text', async () => {
    const ids = [...(await posts).keys()];
    // 50001 renames the channel, 50005 pins a post, 50003 is a photo of 50002's album, 50009 a video.
    for (const id of ['50001', '50003', '50005', '50009', '-1', '-2', '-3']) expect(ids).not.toContain(id);
  });

  test('any page of the export reads the whole export, page after page', async () => {
    expect(await readPostsFromFile(join(HTML_EXPORT, 'messages2.html'))).toEqual(await readPostsFromFile(HTML_EXPORT));
  });

  test('a page out of its folder is read alone, and told by its structure, not its name', async () => {
    const dir = join(tmp, 'loose');
    mkdirSync(dir);
    cpSync(join(HTML_EXPORT, 'messages2.html'), join(dir, 'messages2.html'));
    cpSync(join(HTML_EXPORT, 'messages2.html'), join(dir, 'saved.html'));
    for (const name of ['messages2.html', 'saved.html']) {
      const read = await readPostsFromFile(join(dir, name));
      expect(read.map((p) => [p.externalId, p.seq])).toEqual([
        ['50006', 0],
        ['50007', 1],
        ['50008', 2],
      ]);
    }
    expect(detectFormat(readFileSync(join(dir, 'saved.html'), 'utf8'))).toBe('telegram-html');
  });

  test('pages are read in the order of their numbers: messages10.html after messages9.html', async () => {
    const dir = join(tmp, 'eleven');
    mkdirSync(dir);
    const template = readFileSync(join(HTML_EXPORT, 'messages3.html'), 'utf8');
    for (let n = 1; n <= 11; n++) {
      writeFileSync(join(dir, `messages${n === 1 ? '' : n}.html`), template.replaceAll('message50010', `message${60_000 + n}`));
    }
    expect(readdirSync(dir).sort()).toEqual(expect.arrayContaining(['messages10.html', 'messages11.html', 'messages2.html']));
    expect((await exportPages(dir))?.map((p) => p.slice(dir.length + 1))).toEqual(['messages.html', ...Array.from({ length: 10 }, (_, i) => `messages${i + 2}.html`)]);
    const read = await readPostsFromFile(dir);
    expect(read.map((p) => p.externalId)).toEqual(Array.from({ length: 11 }, (_, i) => String(60_001 + i)));
    expect(read.map((p) => p.seq)).toEqual(Array.from({ length: 11 }, (_, i) => i));
  });

  test('dates without an offset, as older versions write them, are read in the channel’s zone', async () => {
    const old = exportCopy((html) => html.replaceAll(' UTC+03:00"', '"'));
    expect(readFileSync(join(old, 'messages.html'), 'utf8')).toContain('title="20.09.2023 14:05:31"');
    expect(await readPostsFromFile(old)).toEqual(await readPostsFromFile(HTML_EXPORT));
  });

  test('a date with another offset is read as written', async () => {
    const utc = exportCopy((html) => html.replaceAll('UTC+03:00', 'UTC+00:00'));
    const read = await readPostsFromFile(utc);
    expect(read[0]!.postedAt?.toISOString()).toBe('2023-09-20T14:05:31.000Z');
  });

  test.each([
    ['20.09.2023 14:05:31 UTC+03:00', '2023-09-20T14:05:31+03:00'],
    ['01.12.2025 08:00:00 UTC-05:00', '2025-12-01T08:00:00-05:00'],
    ['20.09.2023 14:05:31 UTC', '2023-09-20T14:05:31Z'],
    ['20.09.2023 14:05:31', '2023-09-20T14:05:31'],
    ['Sep 20, 2023', 'Sep 20, 2023'],
  ])('the date title %j is %j', (title, iso) => {
    expect(titleDate(title)).toBe(iso);
  });

  test.each([
    ['messages.html', 1],
    ['messages2.html', 2],
    ['messages10.html', 10],
    ['messages0.html', null],
    ['messages.htm', null],
    ['result.json', null],
  ])('%s is page %s', (name, n) => {
    expect(pageNumber(name)).toBe(n);
  });

  test('streamed in batches numbered across the pages; the same however the bytes of a page are cut', async () => {
    const batches = await collect(streamPostsFromFile(HTML_EXPORT, {}, 4));
    expect(batches.map((b) => b.length)).toEqual([4, 2]);
    expect(batches.flat()).toEqual(await readPostsFromFile(JSON_EXPORT));
    const page = readFileSync(join(HTML_EXPORT, 'messages2.html'));
    const whole = readPosts(page.toString('utf8'), { fileName: 'messages2.html' });
    // Cut inside tags, entities, attribute values and the bytes of characters.
    for (const cut of [1, 3, 64, 4093]) expect((await collect(streamPosts(memoryInput('messages2.html', page, cut), {}, 2))).flat()).toEqual(whole);
  });

  test('--format telegram-html reads a page whatever its start; it is what detectFormat tells', async () => {
    const start = readFileSync(join(HTML_EXPORT, 'messages.html'), 'utf8');
    expect(detectFormat(start)).toBe('telegram-html');
    expect(detectFormat(start.slice(0, 1500))).toBe('telegram-html');
    const padded = `<!-- ${'saved from the browser '.repeat(1000)} -->\n${start}`;
    // Past the start that is looked at, a page is not told; the format option says what it is.
    expect(detectFormat(padded)).toBe('text');
    expect(readPosts(padded, { format: 'telegram-html', fileName: 'padded.html' }).map((p) => p.externalId)).toEqual(['50002', '50004']);
  });

  test('holds one message at a time: a 40 MB page is read in less memory than its text', async () => {
    const first = readFileSync(join(HTML_EXPORT, 'messages3.html'), 'utf8');
    const at = first.indexOf('     <div class="message service" id="message-3">');
    const end = first.indexOf('\n    </div>\n\n   </div>\n\n  </div>');
    const head = Buffer.from(first.slice(0, at));
    const message = (id: number) =>
      `\n     <div class="message default clearfix joined" id="message${id}">\n\n      <div class="body">\n\n       <div class="pull_right date details" title="21.09.2023 10:05:40 UTC+03:00">\n10:05\n       </div>\n\n       <div class="text">\n${'Лавров '.repeat(100)}\n       </div>\n\n      </div>\n\n     </div>\n`;
    const one = Buffer.byteLength(message(100_000));
    const count = Math.ceil(40e6 / one / 200) * 200;
    const input = {
      name: 'messages.html',
      rereadable: false,
      async *chunks() {
        yield head;
        for (let i = 0; i < count; i += 200) yield Buffer.from(Array.from({ length: 200 }, (_, k) => message(100_000 + i + k)).join(''));
        yield Buffer.from(first.slice(end));
      },
    };
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    let read = 0;
    let peak = 0;
    let batch = 0;
    for await (const b of streamPosts(input, {}, 2000)) {
      read += b.length;
      if (batch++ % 5 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      }
    }
    expect(read).toBe(count);
    // Held whole, the page's text alone would be some 40 MB of heap, and its tree many times that.
    expect(peak).toBeLessThan(20e6);
  });
});

describe('what is not a whole HTML export is one line that says so', () => {
  test.each([
    [
      'a page cut short',
      () => exportCopy((html, page) => (page === 'messages2.html' ? html.slice(0, html.indexOf('Мы готовы к диалогу')) : html)),
      /messages2\.html: the page is cut short: it ends inside message 50007, before <\/html>$/,
    ],
    ['a page missing between two others', () => exportCopy((html, page) => (page === 'messages2.html' ? null : html)), /messages2\.html: no such file, and the export has pages up to messages3\.html: it is not whole$/],
    [
      'pages of two chats',
      () => exportCopy((html, page) => (page === 'messages3.html' ? html.replace('МИД России \n', 'Посольство России \n') : html)),
      /messages3\.html: a page of the chat "Посольство России", and .* is of "МИД России"/,
    ],
    ['a folder that is no export', () => FIXTURES, /telegram-export: is a directory, and not a Telegram Desktop HTML export \(no messages\.html in it\); the formats read are /],
    [
      'a date title that cannot be read',
      () => exportCopy((html) => html.replace('title="20.09.2023 14:05:31 UTC+03:00"', 'title="20.9.2023 14:05"')),
      /messages\.html: message 3 \(id 50002\) has an unreadable "date" \("20\.9\.2023 14:05"\)$/,
    ],
  ])('%s', async (_name, make, message) => {
    const err = await errorOf(readPostsFromFile(make()));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(message);
    expect(err.message.includes('\n')).toBe(false);
  });

  test.each([
    ['another HTML page', 'page.html', '<!DOCTYPE html>\n<html><head><title>МИД России</title></head><body><p>20 сентября состоялась беседа С.В.Лаврова.</p></body></html>\n', /page\.html: an HTML page that is not a page of a Telegram Desktop HTML export/],
    ['a binary file', 'photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), /photo\.jpg: NUL byte at offset 4; this looks like a binary file, not posts; /],
  ])('%s names the formats that are read', async (_name, name, content, message) => {
    const path = join(tmp, name);
    writeFileSync(path, content);
    const err = await errorOf(readPostsFromFile(path));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(message);
    expect(err.message).toMatch(/the formats read are a Telegram Desktop export \(result\.json, or the HTML export: its folder or messages\.html\), JSON Lines and plain text$/);
    expect(err.message.includes('\n')).toBe(false);
  });

  test('read as text when asked to', async () => {
    const path = join(tmp, 'asked.html');
    writeFileSync(path, '<!DOCTYPE html>\n<html><body>20 сентября состоялась беседа С.В.Лаврова.</body></html>\n');
    expect(await readPostsFromFile(path, { format: 'text' })).toHaveLength(1);
  });

  test('an HTML page forced as an export page that is none', async () => {
    const path = join(tmp, 'forced.html');
    writeFileSync(path, '<!DOCTYPE html>\n<html><body><p>hello</p></body></html>\n');
    await expect(readPostsFromFile(path, { format: 'telegram-html' })).rejects.toThrow(/forced\.html: not a page of a Telegram Desktop HTML export \(no div\.page_header and div\.history\)$/);
  });
});
