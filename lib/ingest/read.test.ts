import v8 from 'node:v8';
import vm from 'node:vm';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { postKey } from './extract';
import { InputError, detectFormat, readPosts, readPostsFromFile, streamPosts, streamPostsFromFile, type ReadOptions } from './read';
import { memoryInput } from './read-stream';
import type { RawPost } from './types';
import { splitPlainText } from './split-text';
import { instantOfWallTime, wallTimeAt } from '@/lib/domain/calendar';

const SAMPLE = join(__dirname, '../../data/sample/mfa-2023-09-19-21.txt');
const dir = mkdtempSync(join(tmpdir(), 'sidelines-read-'));
const file = (name: string, content: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

const channelExport = {
  name: 'МИД России 🇷🇺',
  type: 'public_channel',
  id: 1065276858,
  messages: [
    { id: 1, type: 'service', date: '2023-09-19T10:00:00', actor: 'МИД России', action: 'pin_message', text: '' },
    {
      id: 2,
      type: 'message',
      date: '2023-09-20T21:15:00',
      date_unixtime: '1695233700',
      from: 'МИД России 🇷🇺',
      from_id: 'channel1065276858',
      text: ['🇷🇺🇻🇪 ', { type: 'bold', text: '20 сентября' }, ' состоялась беседа ', { type: 'hashtag', text: '#Лавров' }],
      text_entities: [
        { type: 'plain', text: '🇷🇺🇻🇪 ' },
        { type: 'bold', text: '20 сентября' },
        { type: 'plain', text: ' состоялась беседа ' },
        { type: 'hashtag', text: '#Лавров' },
      ],
    },
    { id: 3, type: 'message', date: '2023-09-20T21:15:01', date_unixtime: '1695233701', photo: '(File not included.)', text: '', text_entities: [] },
    { id: 4, type: 'unsupported' },
    { id: 5, type: 'message', date: '2023-09-21T09:00:00', text: ['Old export ', { type: 'link', text: 'https://mid.ru' }] },
  ],
};

describe('Telegram Desktop export', () => {
  test('single channel: skips service, unsupported and empty album messages', () => {
    const posts = readPosts(JSON.stringify(channelExport, null, 1), { fileName: 'result.json', channel: 'MID_Russia' });
    expect(posts.map((p) => p.externalId)).toEqual(['2', '5']);
    expect(posts[0]).toMatchObject({
      channel: 'MID_Russia',
      text: '🇷🇺🇻🇪 20 сентября состоялась беседа #Лавров',
      url: 'https://t.me/MID_Russia/2',
      seq: 0,
    });
    expect(posts[0]!.postedAt?.toISOString()).toBe('2023-09-20T18:15:00.000Z');
    // Without date_unixtime the date is the channel's wall time (Moscow, three hours ahead).
    expect(posts[1]!.postedAt?.toISOString()).toBe('2023-09-21T06:00:00.000Z');
    expect(posts[1]!.text).toBe('Old export https://mid.ru');
  });

  test('without --channel a known channel is recognised by its title, and stored under its handle', () => {
    const posts = readPosts(JSON.stringify(channelExport), { fileName: 'result.json' });
    expect(posts.map((p) => [p.channel, p.externalId, p.url])).toEqual([
      ['MID_Russia', '2', 'https://t.me/MID_Russia/2'],
      ['MID_Russia', '5', 'https://t.me/MID_Russia/5'],
    ]);
  });

  test('an unknown channel keeps its title and gets no link', () => {
    const posts = readPosts(JSON.stringify({ ...channelExport, name: 'Посольство', id: 42 }), { fileName: 'result.json' });
    expect(posts[0]).toMatchObject({ channel: 'Посольство', url: null });
  });

  test('full account export: channels from chats and left_chats', () => {
    const account = {
      about: 'Here is the data you requested.',
      chats: {
        about: '',
        list: [
          { name: 'Mum', type: 'personal_chat', id: 5, messages: [{ id: 1, type: 'message', date: '2023-01-01T00:00:00', text: 'hi' }] },
          channelExport,
        ],
      },
      left_chats: {
        about: '',
        list: [
          { ...channelExport, name: 'MFA Russia 🇷🇺', id: 7, messages: [channelExport.messages[1]] },
          { ...channelExport, name: 'Посольство', id: 8, messages: [channelExport.messages[1]] },
        ],
      },
    };
    const posts = readPosts(JSON.stringify(account), { fileName: 'result.json' });
    // Each channel is recognised by itself: known ones by title, the unknown one keeps its title.
    expect(posts.map((p) => `${p.channel}:${p.externalId}:${p.url}`)).toEqual([
      'MID_Russia:2:https://t.me/MID_Russia/2',
      'MID_Russia:5:https://t.me/MID_Russia/5',
      'MFARussia:2:https://t.me/MFARussia/2',
      'Посольство:2:null',
    ]);
  });

  test('the \\xHH quirk of the exporter is tolerated', () => {
    const raw = JSON.stringify({ ...channelExport, messages: [{ id: 9, type: 'message', date: '2023-09-20T10:00:00', text: 'a__b' }] }).replace('a__b', 'a\\x0Bb');
    expect(readPosts(raw, { fileName: 'result.json' })[0]!.text).toBe('a\u000bb');
  });

  test.each([
    ['personal chat', { name: 'Mum', type: 'personal_chat', id: 5, messages: [] }, /result\.json: not a channel export \(the chat type is "personal_chat"\)/],
    ['group', { name: 'Friends', type: 'private_supergroup', id: 5, messages: [] }, /not a channel export/],
    ['account without channels', { chats: { list: [{ name: 'Mum', type: 'personal_chat', messages: [] }] } }, /holds no channels/],
    ['some other JSON', { hello: 'world' }, /not a Telegram export/],
  ])('rejects %s', (_n, json, message) => {
    expect(() => readPosts(JSON.stringify(json), { fileName: 'result.json' })).toThrow(message);
  });

  test('malformed JSON says where', () => {
    const bad = '{\n "name": "x",\n "type": "public_channel",\n "messages": [ { "id": 1, } ]\n}';
    expect(() => readPosts(bad, { fileName: 'result.json' })).toThrow(/result\.json: malformed JSON at line 4, column 27 \(offset 69\)/);
  });

  test('truncated JSON says so', () => {
    const cut = JSON.stringify(channelExport, null, 1).slice(0, 300);
    expect(() => readPosts(cut, { fileName: 'result.json' })).toThrow(/result\.json: malformed JSON \(truncated: unexpected end of input at line \d+\)/);
  });
});

describe('JSON Lines', () => {
  test('reads records; only text is required; blank lines are ignored', () => {
    const content = [
      '{"id": 41207, "date": "2023-12-12T16:30:00Z", "channel": "MID_Russia", "lang": "en", "text": "Sergey Lavrov held talks"}',
      '',
      '{"text": "Без всего"}',
      '{"id": "x1", "date": 1702387800, "text": "epoch"}',
    ].join('\n');
    expect(detectFormat(content)).toBe('jsonl');
    const posts = readPosts(content, { fileName: 'posts.jsonl' });
    expect(posts).toHaveLength(3);
    expect(posts[0]).toMatchObject({ externalId: '41207', channel: 'MID_Russia', lang: 'en', url: 'https://t.me/MID_Russia/41207' });
    expect(posts[0]!.postedAt?.toISOString()).toBe('2023-12-12T16:30:00.000Z');
    expect(posts[1]).toMatchObject({ externalId: null, channel: null, lang: null, postedAt: null, seq: 1 });
    expect(posts[2]!.postedAt?.toISOString()).toBe('2023-12-12T13:30:00.000Z');
  });

  test.each([
    ['a broken line', '{"text": "ok"}\n{"text": "broken"\n', /posts\.jsonl: line 2 is not valid JSON/],
    ['a line without text', '{"text": "ok"}\n\n{"id": 3}\n', /posts\.jsonl: line 3 has no "text" string/],
    ['a line that is not an object', '{"text": "ok"}\n[1, 2]\n', /posts\.jsonl: line 2 is not a JSON object/],
    ['a bad date', '{"text": "ok", "date": "yesterday"}\n', /posts\.jsonl: line 1 has an unreadable "date"/],
  ])('rejects %s with its line number', (_n, content, message) => {
    expect(() => readPosts(content, { fileName: 'posts.jsonl', format: 'jsonl' })).toThrow(message);
  });
});

describe('plain text', () => {
  test('the bundled sample splits into its 18 posts', async () => {
    const posts = await readPostsFromFile(SAMPLE);
    expect(posts).toHaveLength(18);
    expect(posts[0]!.text.startsWith('🤝 Russian Foreign Minister Sergey Lavrov held talks')).toBe(true);
    expect(posts[3]!.text.startsWith('🇷🇺 Президент России')).toBe(true);
    expect(posts[7]!.text.startsWith('#Opinion by Maria Zakharova')).toBe(true);
    expect(posts[14]!.text.startsWith('Поехали!')).toBe(true);
    expect(posts[14]!.text).toContain('• Встреча с Генеральным секретарём Лиги арабских государств');
    expect(posts[15]!.text.startsWith('Off we go!')).toBe(true);
    expect(posts.every((p) => p.externalId === null && p.postedAt === null && p.url === null)).toBe(true);
    expect(posts.map((p) => p.seq)).toEqual([...Array(18).keys()]);
  });

  test.each([
    [
      'hashtag line ends a post',
      'Первый пост о встрече С.В.Лаврова с Министром иностранных дел Индии С.Джайшанкаром в Москве.\n\n#РоссияИндия\nВторой пост: С.В.Лавров провёл переговоры с Министром иностранных дел Китая Ван И в Пекине.',
      2,
    ],
    [
      'a 🤝 paragraph inside a post does not split it',
      '🇷🇺🇨🇳 5 мая С.В.Лавров провёл переговоры с Министром иностранных дел КНР Ван И.\n\nВ ходе переговоров обсуждены вопросы сотрудничества.\n\n🤝 С.В.Лавров подтвердил приверженность курсу на развитие отношений.',
      1,
    ],
    [
      'quotes inside a briefing do not split it',
      '🎙 Briefing by Foreign Ministry Spokeswoman Maria Zakharova (Moscow, May 5, 2023)\n\n🔷 Ukrainian crisis\n\n💬 We can see some Western countries’ attempts to whitewash neo-Nazis.\n\n💬 The decisions by the UK have had dire consequences for the region.',
      1,
    ],
    [
      'a dated 🗓 headline after a paragraph starts a post',
      '📆 On May 5, Sergey Lavrov met with the Foreign Minister of India in Moscow. The talks were held in a friendly atmosphere.\n🗓 On May 6, Sergey Lavrov took part in a meeting of the SCO Foreign Ministers Council in Goa.',
      2,
    ],
    [
      'a Russia+X flag pair heads a new post even without hashtags before it',
      '💬 Комментарий официального представителя МИД России М.В.Захаровой в связи с пакетом санкций ЕС.\n\nПакет санкций не достигнет своих целей.\n🇷🇺🇮🇳 В ходе переговоров в Нью-Дели 9 сентября С.В.Лавров и С.Джайшанкар обсудили сотрудничество.',
      2,
    ],
    [
      'flag-led items of a list stay in their post',
      'Итоги дня: С.В.Лавров провёл ряд встреч на полях министерской недели в Нью-Йорке.\n\n🇷🇺🇹🇷 Переговоры с Министром иностранных дел Турции Х.Фиданом.\n🇷🇺🇮🇳 Встреча с Министром иностранных дел Индии С.Джайшанкаром.\n🇷🇺🇧🇷 Встреча с Министром иностранных дел Бразилии М.Виейрой.',
      1,
    ],
    [
      'separator lines always split',
      'Первый текст\n---\nВторой текст',
      2,
    ],
    [
      'switching from Russian to English starts a post',
      'С.В.Лавров провёл переговоры с Министром иностранных дел Индии С.Джайшанкаром в Москве.\n\nSergey Lavrov held talks with Indian Foreign Minister Subrahmanyam Jaishankar in Moscow.',
      2,
    ],
  ])('%s', (_n, text, n) => {
    expect(splitPlainText(text)).toHaveLength(n);
  });

  test('text posts take the --channel option', () => {
    expect(readPosts('Просто текст поста', { fileName: 'a.txt', channel: 'MID_Russia' })[0]!.channel).toBe('MID_Russia');
  });
});

describe('input errors name the file in one line', () => {
  test.each([
    ['missing file', async () => readPostsFromFile(join(dir, 'nope.json')), /nope\.json: no such file$/],
    ['directory', async () => readPostsFromFile(dir), /is a directory, and not a Telegram Desktop HTML export \(no messages\.html in it\); the formats read are /],
    ['empty file', async () => readPostsFromFile(file('empty.txt', '')), /empty\.txt: file is empty$/],
    ['whitespace only', async () => readPostsFromFile(file('blank.txt', '  \n\n ')), /blank\.txt: file is empty$/],
    ['invalid UTF-8', async () => readPostsFromFile(file('latin1.txt', Buffer.from([0x41, 0x42, 0xe9, 0x43]))), /latin1\.txt: not valid UTF-8 text \(first bad byte at offset 2\)$/],
    ['NUL bytes', async () => readPostsFromFile(file('bin.txt', Buffer.from([0x41, 0x00, 0x42]))), /bin\.txt: NUL byte at offset 1/],
    [
      'oversized post',
      async () => readPostsFromFile(file('big.jsonl', `{"text": "ok"}\n{"id": 7, "text": "${'а'.repeat(600_000)}"}\n`)),
      /big\.jsonl: post 2 \(id 7\) is 1\.2 MB, over the 150 KB limit$/,
    ],
    ['malformed JSON file', async () => readPostsFromFile(file('bad.json', '{"messages": [')), /bad\.json: malformed JSON/],
  ])('%s', async (_n, run, message) => {
    const err = await run().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    const msg = (err as Error).message;
    expect(msg).toMatch(message);
    expect(msg.includes('\n')).toBe(false);
  });

  test('a directory named like a file is still a directory', async () => {
    const d = join(dir, 'result.json');
    mkdirSync(d, { recursive: true });
    await expect(readPostsFromFile(d)).rejects.toThrow(InputError);
  });
});

describe('streamPostsFromFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sidelines-stream-'));
  const write = (name: string, content: string | Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const collect = async (p: string, batch: number) => {
    const out: RawPost[][] = [];
    for await (const b of streamPostsFromFile(p, {}, batch)) out.push(b);
    return out;
  };

  test('JSON Lines come in batches, in order, numbered across batches', async () => {
    const lines = Array.from({ length: 2500 }, (_, i) => JSON.stringify({ id: i + 1, date: '2024-01-02T03:04:05Z', text: `Пост ${i + 1}` }));
    const batches = await collect(write('big.jsonl', `${lines.join('\n')}\n`), 1000);
    expect(batches.map((b) => b.length)).toEqual([1000, 1000, 500]);
    const all = batches.flat();
    expect(all.map((p) => p.seq)).toEqual(all.map((_, i) => i));
    expect(all[2499]).toMatchObject({ externalId: '2500', text: 'Пост 2500' });
  });

  test('a bad line far into the file names its line', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ text: `post ${i}` }));
    lines[2716] = '{"text": "cut';
    await expect(collect(write('bad.jsonl', lines.join('\n')), 500)).rejects.toThrow(/bad\.jsonl: line 2717 is not valid JSON/);
  });

  test('invalid UTF-8 in a later chunk is an InputError', async () => {
    const good = Buffer.from(`${JSON.stringify({ text: 'x'.repeat(100) })}\n`.repeat(30_000));
    const file = write('latin1.jsonl', Buffer.concat([good, Buffer.from([0x7b, 0x22, 0x74, 0xff, 0x0a])]));
    await expect(collect(file, 1000)).rejects.toThrow(InputError);
  });

  test('other formats are read whole and handed out in batches', async () => {
    const batches = await collect(join(process.cwd(), 'data/sample/mfa-2023-09-19-21.txt'), 5);
    expect(batches.flat()).toHaveLength(18);
    expect(batches[0]).toHaveLength(5);
  });
});

describe('wrong types, impossible dates and characters PostgreSQL cannot store', () => {
  const tg = (messages: object[]) => JSON.stringify({ name: 'MID', type: 'public_channel', messages });
  const msg = { id: 4, type: 'message', date: '2023-09-20T10:00:00', text: 'Sergey Lavrov held talks.' };

  test.each([
    ['a date as an object in an export', tg([{ ...msg, date: { y: 2023 } }]), /r\.json: message 1 \(id 4\) has an unreadable "date" \(\{"y":2023\}\)/],
    ['a date_unixtime past 2100', tg([{ ...msg, date_unixtime: '99999999999' }]), /r\.json: message 1 \(id 4\) has a "date" out of range/],
    ['text as an object in an export', tg([{ ...msg, text: { type: 'bold' } }]), /message 1 \(id 4\) has a "text" that is neither a string nor a list/],
    ['10,000 messages without text', tg(Array.from({ length: 10_000 }, (_, i) => ({ ...msg, id: i, text: i % 2 ? '' : [] }))), /r\.json: no posts with text/],
    ['"messages" as an object', JSON.stringify({ name: 'MID', type: 'public_channel', messages: {} }), /r\.json: not a channel export \("messages" is not a list\)/],
    ['a year before 0', '{"text": "x", "date": "-000001-01-01T00:00:00Z"}\n', /r\.json: line 1 has a "date" out of range/],
    ['the year 1899', '{"text": "x", "date": "1899-12-31T23:59:59Z"}\n', /line 1 has a "date" out of range/],
    ['the year 2101', '{"text": "x", "date": "2101-01-01"}\n', /line 1 has a "date" out of range/],
    ['29 February of a common year', '{"text": "x", "date": "2023-02-29T10:00:00+03:00"}\n', /line 1 has an unreadable "date" \("2023-02-29T10:00:00\+03:00"\)/],
    ['month 13', '{"text": "x", "date": "2023-13-01"}\n', /line 1 has an unreadable "date"/],
    ['hour 25', '{"text": "x", "date": "2023-09-20T25:00:00"}\n', /line 1 has an unreadable "date"/],
    ['a timestamp past what a date holds', '{"text": "x", "date": 1e20}\n', /line 1 has an unreadable "date" \(100000000000000000000\)/],
    ['a timestamp that is not a number', '{"text": "x", "date": 1e400}\n', /line 1 has an unreadable "date" \(null\)/],
    ['a date as a list', '{"text": "x", "date": [2023, 9, 20]}\n', /line 1 has an unreadable "date" \(\[2023,9,20\]\)/],
    ['a channel name of 10,000 characters', `{"text": "x", "channel": "${'M'.repeat(10_000)}"}\n`, /line 1 has an over-long "channel" \(10000 characters; at most 200\)/],
    ['an id of 10,000 digits', `{"text": "x", "id": "${'7'.repeat(10_000)}"}\n`, /line 1 has an over-long "id"/],
  ])('%s is an InputError that says so', (_n, content, message) => {
    expect(() => readPosts(content, { fileName: 'r.json' })).toThrow(message);
  });

  test('dates at the edges of the range are read', () => {
    const posts = readPosts('{"text": "a", "date": "1900-01-01T00:00:00Z"}\n{"text": "b", "date": "2100-12-31T23:59:59Z"}\n{"text": "c", "date": "2024-02-29"}\n', { fileName: 'r.jsonl' });
    // A day alone is the start of that day in the channel's zone (the default profile's: Moscow).
    expect(posts.map((p) => p.postedAt?.toISOString())).toEqual(['1900-01-01T00:00:00.000Z', '2100-12-31T23:59:59.000Z', '2024-02-28T21:00:00.000Z']);
  });

  test('NULs are dropped and lone surrogate halves replaced, in JSON Lines and exports alike', () => {
    const jl = readPosts(`${JSON.stringify({ id: 'a\u0000b', channel: 'MID\u0000_Russia', text: 'Lav\u0000rov \ud800met\udfff' })}\n`, { fileName: 'r.jsonl' });
    expect(jl[0]).toMatchObject({ externalId: 'ab', channel: 'MID_Russia', text: 'Lavrov \ufffdmet\ufffd' });
    const ex = readPosts(tg([{ ...msg, text: 'a__b' }]).replace('a__b', 'a\\x00b\\u0000c'), { fileName: 'r.json' });
    expect(ex[0]!.text).toBe('abc');
    // A row of nothing but NULs is an empty post, and is left out.
    expect(readPosts('{"text": "\\u0000\\u0000"}\n{"text": "x"}\n', { fileName: 'r.jsonl' }).map((p) => p.text)).toEqual(['x']);
  });

  test('UTF-16 text is not read as posts', async () => {
    await expect(readPostsFromFile(file('utf16.txt', Buffer.from('\ufeffSergey Lavrov held talks.\n', 'utf16le')))).rejects.toThrow(/utf16\.txt: NUL byte at offset 3/);
  });

  test('a 50 MB post in an export is over the limit', () => {
    const content = tg([{ ...msg, text: 'a b '.repeat(12_500_000) }]);
    expect(() => readPosts(content, { fileName: 'r.json' })).toThrow(/r\.json: post 1 \(id 4\) is 50\.0 MB, over the 150 KB limit$/);
  });
});

describe('JSON Lines whose first post is long', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sidelines-long-'));
  test('a first row longer than the sniffed head is still JSON Lines', async () => {
    const rows = [JSON.stringify({ id: 1, text: `Лавров ${'и '.repeat(30_000)}` }), JSON.stringify({ id: 2, text: 'second' })];
    const p = join(dir, 'long-first.jsonl');
    writeFileSync(p, `${rows.join('\n')}\n`);
    const posts: RawPost[] = [];
    for await (const b of streamPostsFromFile(p)) posts.push(...b);
    expect(posts.map((x) => x.externalId)).toEqual(['1', '2']);
  });

  test('a file that is one long JSON record is read as one post', async () => {
    const p = join(dir, 'one.jsonl');
    writeFileSync(p, JSON.stringify({ id: 9, text: `Лавров ${'и '.repeat(30_000)}` }));
    const posts: RawPost[] = [];
    for await (const b of streamPostsFromFile(p)) posts.push(...b);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.externalId).toBe('9');
  });
});

describe('links and ids of known channels', () => {
  const exportOf = (over: object) => JSON.stringify({ ...channelExport, ...over });

  test.each([
    ['its title', { name: 'МИД России 🇷🇺' }, undefined, 'MID_Russia', 'https://t.me/MID_Russia/2'],
    ['its title without the flag', { name: 'МИД России' }, undefined, 'MID_Russia', 'https://t.me/MID_Russia/2'],
    ['its numeric id, though renamed', { name: 'Новое название', id: 1065276858 }, undefined, 'MID_Russia', 'https://t.me/MID_Russia/2'],
    ['the English title', { name: 'MFA Russia 🇷🇺', id: 7 }, undefined, 'MFARussia', 'https://t.me/MFARussia/2'],
    ['--channel as a handle', { name: 'Посольство', id: 8 }, 'MFARussia', 'MFARussia', 'https://t.me/MFARussia/2'],
    ['--channel in another case, with @', { name: 'Посольство', id: 8 }, '@mfarussia', 'MFARussia', 'https://t.me/MFARussia/2'],
    ['--channel as a t.me link', { name: 'Посольство', id: 8 }, 'https://t.me/MID_Russia', 'MID_Russia', 'https://t.me/MID_Russia/2'],
    ['--channel as a title', { name: 'x', id: 8 }, 'MFA Russia', 'MFARussia', 'https://t.me/MFARussia/2'],
    // --channel says which channel the file is, over what the file says.
    ['--channel over the title', { name: 'МИД России 🇷🇺' }, 'MFARussia', 'MFARussia', 'https://t.me/MFARussia/2'],
    ['--channel of an unknown handle', { name: 'МИД России 🇷🇺' }, 'SomeEmbassy', 'SomeEmbassy', 'https://t.me/SomeEmbassy/2'],
    ['--channel of an unknown title', { name: 'МИД России 🇷🇺' }, 'Посольство в Н.', 'Посольство в Н.', null],
  ])('a Telegram export recognised by %s', (_n, over, channel, stored, url) => {
    const [post] = readPosts(exportOf(over), { fileName: 'result.json', channel });
    expect(post).toMatchObject({ channel: stored, externalId: '2', url });
  });

  const row = (r: object): string => JSON.stringify({ text: 'Sergey Lavrov held talks', ...r });

  test.each([
    ['a known channel, no url', { id: 27748, channel: 'MFARussia' }, undefined, '27748', 'https://t.me/MFARussia/27748'],
    ['a known channel by title', { id: 41, channel: 'МИД России' }, undefined, '41', 'https://t.me/MID_Russia/41'],
    ['the channel from --channel', { id: 41 }, 'MID_Russia', '41', 'https://t.me/MID_Russia/41'],
    ['its own url, which wins', { id: 41, channel: 'MID_Russia', url: 'https://mid.ru/ru/x' }, undefined, '41', 'https://mid.ru/ru/x'],
    ['a blank url', { id: 41, channel: 'MID_Russia', url: ' ' }, undefined, '41', 'https://t.me/MID_Russia/41'],
    ['the channel in the id', { id: 'MFARussia/27748', channel: 'MFARussia' }, undefined, '27748', 'https://t.me/MFARussia/27748'],
    ['the channel in the id, in another case', { id: 'mfarussia/27748', channel: 'MFARussia' }, undefined, '27748', 'https://t.me/MFARussia/27748'],
    ['the site in the id of a site channel', { id: 'kremlin.ru/76191', channel: 'KremlinRussia' }, undefined, '76191', 'http://kremlin.ru/events/president/news/76191'],
    ['an unknown channel in its id', { id: 'SomeEmbassy/12', channel: 'SomeEmbassy' }, undefined, '12', 'https://t.me/SomeEmbassy/12'],
    ['another channel in the id', { id: 'MID_Russia/12', channel: 'MFARussia' }, undefined, 'MID_Russia/12', null],
    ['an id that is no post number', { id: 'x1', channel: 'MFARussia' }, undefined, 'x1', null],
    ['no channel at all', { id: 'MFARussia/27748' }, undefined, 'MFARussia/27748', null],
  ])('a JSON Lines row with %s', (_n, r, channel, externalId, url) => {
    const [post] = readPosts(`${row(r)}\n`, { fileName: 'posts.jsonl', channel });
    expect(post).toMatchObject({ externalId, url });
  });

  test('a JSON Lines channel is kept as the row writes it', () => {
    const [post] = readPosts(`${row({ id: 41, channel: 'МИД России' })}\n`, { fileName: 'posts.jsonl' });
    expect(post!.channel).toBe('МИД России');
  });

  test('streamed JSON Lines get the same links and ids', async () => {
    const p = file('stream-links.jsonl', `${row({ id: 'MFARussia/5', channel: 'MFARussia' })}\n${row({ id: 6, channel: 'MID_Russia', text: 'другое' })}\n`);
    const posts: RawPost[] = [];
    for await (const b of streamPostsFromFile(p)) posts.push(...b);
    expect(posts.map((x) => [x.externalId, x.url])).toEqual([
      ['5', 'https://t.me/MFARussia/5'],
      ['6', 'https://t.me/MID_Russia/6'],
    ]);
  });

  // The two real streams: every post's key names its channel once, and the link made from the
  // profile is the link the stream gives.
  test.each([
    ['mfarussia-2025-12-2026-03.jsonl', 451],
    ['kremlin-ru-2025-02-2025-05.jsonl', 153],
  ])('%s: ids are post numbers, keys are unique, profile links are the stream links', async (name, n) => {
    const path = join(__dirname, '../../data/eval', name);
    const posts = await readPostsFromFile(path);
    expect(posts).toHaveLength(n);
    expect(posts.every((p) => /^\d+$/.test(p.externalId ?? ''))).toBe(true);
    expect(new Set(posts.map((p) => postKey(p))).size).toBe(n);
    const rows = readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => {
        const { url: _url, ...rest } = JSON.parse(l) as Record<string, unknown>;
        return JSON.stringify(rest);
      });
    const derived = readPosts(rows.join('\n'), { fileName: name });
    expect(derived.map((p) => p.url)).toEqual(posts.map((p) => p.url));
    // Read again, the same keys: re-ingesting the stream finds the same posts.
    expect((await readPostsFromFile(path)).map((p) => postKey(p))).toEqual(posts.map((p) => postKey(p)));
  });
});

// ---------------------------------------------------------------------------------------
// Dates that do not depend on the machine

describe('wall times in a zone, with Intl alone', () => {
  const at = (zone: string, y: number, mo: number, d: number, h: number, mi = 0) =>
    new Date(instantOfWallTime({ year: y, month: mo, day: d, hour: h, minute: mi, second: 0, millisecond: 0 }, zone)).toISOString();

  test('offsets as the zone had them then', () => {
    expect(at('Europe/Moscow', 2023, 9, 20, 23, 30)).toBe('2023-09-20T20:30:00.000Z');
    // Moscow kept summer time all year from 2011 to 2014 (UTC+4).
    expect(at('Europe/Moscow', 2012, 6, 1, 12)).toBe('2012-06-01T08:00:00.000Z');
    expect(at('Asia/Tokyo', 2023, 1, 1, 0)).toBe('2022-12-31T15:00:00.000Z');
    expect(at('America/New_York', 2024, 7, 4, 12)).toBe('2024-07-04T16:00:00.000Z');
  });

  test('a skipped wall time is read with the offset before the change; a repeated one is the first', () => {
    // 10 March 2024 02:00 EST became 03:00 EDT: 02:30 did not exist, and is 03:30 EDT.
    expect(at('America/New_York', 2024, 3, 10, 2, 30)).toBe('2024-03-10T07:30:00.000Z');
    expect(at('America/New_York', 2024, 3, 10, 1, 59)).toBe('2024-03-10T06:59:00.000Z');
    expect(at('America/New_York', 2024, 3, 10, 3, 0)).toBe('2024-03-10T07:00:00.000Z');
    // 3 November 2024 02:00 EDT became 01:00 EST: 01:30 happened twice, first at 05:30 UTC.
    expect(at('America/New_York', 2024, 11, 3, 1, 30)).toBe('2024-11-03T05:30:00.000Z');
    expect(at('America/New_York', 2024, 11, 3, 2, 0)).toBe('2024-11-03T07:00:00.000Z');
    // The same in Europe, with the change at 01:00 UTC.
    expect(at('Europe/Berlin', 2024, 3, 31, 2, 30)).toBe('2024-03-31T01:30:00.000Z');
    expect(at('Europe/Berlin', 2024, 10, 27, 2, 30)).toBe('2024-10-27T00:30:00.000Z');
  });

  test('every wall time of a year of a zone with summer time maps back to itself', () => {
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 3_600_000 * 7 + 60_000 * 13) {
      const wall = wallTimeAt(new Date(t), 'Europe/London');
      const [y, mo, d, h, mi] = wall.split(/[-T:]/).map(Number);
      expect(wallTimeAt(new Date(instantOfWallTime({ year: y!, month: mo!, day: d!, hour: h!, minute: mi!, second: 0, millisecond: 0 }, 'Europe/London')), 'Europe/London')).toBe(wall);
    }
  });
});

/** Files with dates written without an offset, and what their posts' instants must be. */
const ZONE_CASES: { name: string; content: string; opts?: ReadOptions; expected: (string | null)[] | string }[] = [
  { name: 'JSON Lines, a space, no channel (the default profile: Moscow)', content: '{"text": "x", "date": "2023-09-20 23:30:00"}\n', expected: ['2023-09-20T20:30:00.000Z'] },
  { name: 'JSON Lines, a T, a known channel', content: '{"text": "x", "channel": "MFARussia", "date": "2023-09-20T23:30:00.250"}\n', expected: ['2023-09-20T20:30:00.250Z'] },
  { name: 'JSON Lines, a day alone', content: '{"text": "x", "date": "2023-09-20"}\n', expected: ['2023-09-19T21:00:00.000Z'] },
  { name: 'JSON Lines, a day in another form', content: '{"text": "x", "date": "September 20, 2023 02:00"}\n', expected: ['2023-09-19T23:00:00.000Z'] },
  { name: 'JSON Lines, an offset', content: '{"text": "x", "date": "2023-09-20 23:30:00+05:00"}\n{"text": "y", "date": "Wed, 20 Sep 2023 23:30:00 +0300"}\n', expected: ['2023-09-20T18:30:00.000Z', '2023-09-20T20:30:00.000Z'] },
  {
    name: 'JSON Lines, a channel without a profile, in the zone given for such channels',
    content: '{"text": "x", "channel": "SomeEmbassy", "date": "2024-03-10 02:30:00"}\n{"text": "y", "channel": "SomeEmbassy", "date": "2024-11-03 01:30:00"}\n',
    opts: { defaultTimeZone: 'America/New_York' },
    expected: ['2024-03-10T07:30:00.000Z', '2024-11-03T05:30:00.000Z'],
  },
  {
    name: 'a Telegram export without date_unixtime',
    content: JSON.stringify({ name: 'МИД России', type: 'public_channel', id: 1065276858, messages: [{ id: 1, type: 'message', date: '2023-09-20T22:30:00', text: 'x' }] }),
    expected: ['2023-09-20T19:30:00.000Z'],
  },
  {
    name: 'no zone to be had',
    content: '{"text": "x", "channel": "SomeEmbassy", "date": "2023-09-20 23:30:00"}\n',
    opts: { defaultTimeZone: null },
    expected:
      'r.jsonl: line 1 has a "date" without a time zone ("2023-09-20 23:30:00") and its channel has no profile to give one: write the offset (2023-09-20T23:30:00+03:00) or give the channel a timeZone in lib/ingest/data/channels.json',
  },
];

/** What a case reads as: the posts' instants, or the error message. Run here and in the children. */
function readCases(cases: typeof ZONE_CASES): ((string | null)[] | string)[] {
  return cases.map((c) => {
    try {
      return readPosts(c.content, { ...c.opts, fileName: 'r.jsonl' }).map((p) => p.postedAt?.toISOString() ?? null);
    } catch (e) {
      return (e as Error).message;
    }
  });
}

describe('dates without an offset read the same on every machine', () => {
  test.each(ZONE_CASES)('$name', (c) => {
    expect(readCases([c])[0]).toEqual(c.expected);
  });

  test('under TZ=UTC and TZ=Asia/Tokyo the same files give the same instants', async () => {
    // The reader in a fresh process of each zone (the zone of a process is fixed when it starts).
    const code = `
      const [reader, cases] = process.argv.slice(1);
      const { readPosts } = await import(reader);
      const out = JSON.parse(cases).map((c) => {
        try { return readPosts(c.content, { ...c.opts, fileName: 'r.jsonl' }).map((p) => p.postedAt?.toISOString() ?? null); }
        catch (e) { return e.message; }
      });
      // The machine's own reading of a date without an offset, to show the zones differ.
      console.log(JSON.stringify({ out, machine: new Date('2023-09-20T23:30:00').toISOString() }));`;
    const inZone = async (tz: string) => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', code, pathToFileURL(join(__dirname, 'read.ts')).href, JSON.stringify(ZONE_CASES.map(({ content, opts }) => ({ content, opts })))],
        { env: { ...process.env, TZ: tz }, cwd: join(__dirname, '../..') },
      );
      return JSON.parse(stdout) as { out: unknown[]; machine: string };
    };
    const [utc, tokyo] = await Promise.all([inZone('UTC'), inZone('Asia/Tokyo')]);
    expect(utc.machine).not.toBe(tokyo.machine);
    expect(utc.out).toEqual(ZONE_CASES.map((c) => c.expected));
    expect(tokyo.out).toEqual(utc.out);
    expect(readCases(ZONE_CASES)).toEqual(utc.out);
  });
});

// ---------------------------------------------------------------------------------------
// Streams: an export read as a stream, standard input, pipes

/** A Telegram Desktop export of the real posts in data/eval, the way the exporter writes one. */
function realExport(copies: number): { json: string; messages: number } {
  const rows = ['mfarussia-2025-12-2026-03.jsonl', 'kremlin-ru-2025-02-2025-05.jsonl'].flatMap((f) =>
    readFileSync(join(__dirname, '../../data/eval', f), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { text: string; date: string }),
  );
  const messages: object[] = [];
  for (let k = 0; k < copies; k++) {
    rows.forEach((r, i) => {
      const id = messages.length + 1;
      const at = new Date(Date.parse(r.date) + k * 86_400_000);
      if (i % 50 === 7) messages.push({ id: id, type: 'service', date: wallTimeAt(at, 'Europe/Moscow'), actor: 'МИД России', action: 'pin_message', message_id: id - 1, text: '', text_entities: [] });
      else if (i % 40 === 3) messages.push({ id, type: 'message', date: wallTimeAt(at, 'Europe/Moscow'), date_unixtime: String(at.getTime() / 1000), photo: '(File not included.)', text: '', text_entities: [] });
      else {
        // Old exports have no date_unixtime; some text comes in pieces; one has the \\xHH quirk.
        const [head, ...rest] = r.text.split(' ');
        const text = i % 3 ? r.text : [head, { type: 'bold', text: ` ${rest.slice(0, 3).join(' ')}` }, ` ${rest.slice(3).join(' ')}`];
        messages.push({
          id,
          type: 'message',
          date: wallTimeAt(at, 'Europe/Moscow'),
          ...(i % 5 ? { date_unixtime: String(at.getTime() / 1000) } : {}),
          from: 'МИД России 🇷🇺',
          from_id: 'channel1065276858',
          text: i === 11 ? 'a__VT__b' : text,
          text_entities: [{ type: 'plain', text: i === 11 ? 'a__VT__b' : r.text }],
        });
      }
    });
  }
  const json = JSON.stringify({ name: 'МИД России 🇷🇺', type: 'public_channel', id: 1065276858, messages }, null, 1).replaceAll('__VT__', '\\x0B');
  return { json, messages: messages.length };
}

async function collect(batches: AsyncIterable<RawPost[]>): Promise<RawPost[]> {
  const out: RawPost[] = [];
  for await (const b of batches) out.push(...b);
  return out;
}

describe('a Telegram export read as a stream', () => {
  const { json, messages } = realExport(2);
  const whole = readPosts(json, { fileName: 'result.json' });

  test('is the export read whole: the same posts in the same order, however it is cut', async () => {
    expect(whole.length).toBeGreaterThan(messages * 0.9);
    expect(whole.some((p) => p.text === 'a\u000bb')).toBe(true);
    const path = file('stream-result.json', json);
    expect((await readPostsFromFile(path)).map((p) => ({ ...p, postedAt: p.postedAt?.toISOString() }))).toEqual(
      readPosts(json, { fileName: path }).map((p) => ({ ...p, postedAt: p.postedAt?.toISOString() })),
    );
    expect(await collect(streamPosts(memoryInput('result.json', Buffer.from(json), 4093), {}, 500))).toEqual(whole);
    // Cut at every byte: in the middle of every character, escape, number and literal.
    const parsed = JSON.parse(json.replaceAll('\\x0B', '\\u000B')) as { messages: object[] };
    const small = JSON.stringify({ ...parsed, messages: parsed.messages.slice(0, 20) }, null, 1);
    const smallWhole = readPosts(small, { fileName: 'result.json' });
    for (const cut of [1, 3]) expect(await collect(streamPosts(memoryInput('result.json', Buffer.from(small), cut), {}, 7))).toEqual(smallWhole);
  });

  test('an account export too, its channels in the order of the file', async () => {
    const chat = JSON.parse(json.replaceAll('\\x0B', '\\u000B')) as { messages: object[] };
    const account = JSON.stringify({
      about: 'Here is the data you requested.',
      chats: { about: '', list: [{ name: 'Mum', type: 'personal_chat', id: 5, messages: chat.messages.slice(0, 50) }, { ...chat, messages: chat.messages.slice(0, 300) }] },
      left_chats: { about: '', list: [{ name: 'MFA Russia 🇷🇺', type: 'public_channel', id: 7, messages: chat.messages.slice(300, 400) }] },
    });
    const expected = readPosts(account, { fileName: 'result.json' });
    expect(new Set(expected.map((p) => p.channel))).toEqual(new Set(['MID_Russia', 'MFARussia']));
    expect(await collect(streamPosts(memoryInput('result.json', Buffer.from(account), 1000)))).toEqual(expected);
  });

  test('a syntax error is placed as a whole read places it; a truncated export says so', async () => {
    const broken = json.replace('"id": 150,', '"id": 150,,');
    const path = file('stream-broken.json', broken);
    const message = (() => {
      try {
        readPosts(broken, { fileName: path });
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toMatch(/malformed JSON at line \d+, column \d+ \(offset \d+\)$/);
    await expect(readPostsFromFile(path)).rejects.toThrow(message);
    await expect(readPostsFromFile(file('stream-cut.json', json.slice(0, 100_000)))).rejects.toThrow(/stream-cut\.json: malformed JSON \(truncated: unexpected end of input at line \d+\)$/);
  });

  test('holds one message at a time: 40 MB of export read in less memory than its text', async () => {
    // The messages of a copy of the posts repeated from a generator, never held whole.
    const head = Buffer.from('{"name": "МИД России", "type": "public_channel", "id": 1065276858, "messages": [\n');
    const message = Buffer.from(`${JSON.stringify({ id: 1, type: 'message', date: '2023-09-20T10:00:00', date_unixtime: '1695193200', text: 'Лавров '.repeat(100) })},\n`);
    const count = Math.ceil(40e6 / message.length);
    const input = {
      name: 'big.json',
      rereadable: false,
      async *chunks() {
        yield head;
        const block = Buffer.concat(Array.from({ length: 200 }, () => message));
        for (let i = 0; i < count; i += 200) yield block;
        yield Buffer.from(`${JSON.stringify({ id: 2, type: 'message', date: '2023-09-20T10:00:00', text: 'end' })}]}`);
      },
    };
    // What is live, not what the collector has yet to take back: a collection before each reading.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    let posts = 0;
    let peak = 0;
    let batch = 0;
    for await (const b of streamPosts(input, {}, 2000)) {
      posts += b.length;
      if (batch++ % 5 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      }
    }
    expect(posts).toBe(Math.ceil(count / 200) * 200 + 1);
    // Read whole, the text alone is some 45 MB of heap (Cyrillic takes two bytes a character) and
    // the parsed messages as much again.
    expect(peak).toBeLessThan(20e6);
  });
});

describe('standard input and named pipes', () => {
  const telegram = JSON.stringify(
    {
      name: 'МИД России 🇷🇺',
      type: 'public_channel',
      id: 1065276858,
      messages: [
        // 22:30 in Moscow on 20 September: read as UTC it would be 21 September there.
        { id: 10, type: 'message', date: '2023-09-20T22:30:00', text: 'Сергей Лавров провёл переговоры с Министром иностранных дел Индии С.Джайшанкаром.' },
        { id: 11, type: 'message', date: '2023-09-21T01:30:00', date_unixtime: String(Date.parse('2023-09-20T22:30:00Z') / 1000), text: 'С.В.Лавров провёл переговоры с Министром иностранных дел Бразилии М.Виейрой.' },
      ],
    },
    null,
    1,
  );

  test('"-" reads standard input through the real command, its format told from its first bytes', async () => {
    const root = join(__dirname, '../..');
    const child = execFile(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', '--dry-run', '--json', '-'], {
      cwd: root,
      // A machine in another zone than the channel's reads the same days.
      env: { ...process.env, TZ: 'Asia/Tokyo' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin?.end(telegram);
    expect(await code, stderr).toBe(0);
    const out = JSON.parse(stdout) as { posts: number; events: { date: string; countries: string[]; posts: string[] }[] };
    expect(out.posts).toBe(2);
    expect(out.events.map((e) => [e.date, e.countries, e.posts])).toEqual([
      ['2023-09-20', ['IN'], ['MID_Russia/10']],
      ['2023-09-21', ['BR'], ['MID_Russia/11']],
    ]);
  });

  const pipes = mkdtempSync(join(tmpdir(), 'sidelines-pipes-'));
  const fifo = (name: string): string => {
    const p = join(pipes, name);
    execFileSync('mkfifo', [p]);
    return p;
  };

  test('a named pipe is read as it is written, JSON Lines and exports alike', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: i + 1, channel: 'MFARussia', date: '2023-09-20 10:00:00', text: `Пост ${i + 1}` })).join('\n');
    const jl = fifo('posts.jsonl');
    const [posts] = await Promise.all([readPostsFromFile(jl), writeFile(jl, rows)]);
    expect(posts).toHaveLength(3000);
    expect(posts[2999]).toMatchObject({ externalId: '3000', url: 'https://t.me/MFARussia/3000' });
    expect(posts[0]!.postedAt?.toISOString()).toBe('2023-09-20T07:00:00.000Z');
    const tg = fifo('result.json');
    const [exported] = await Promise.all([readPostsFromFile(tg), writeFile(tg, telegram)]);
    expect(exported).toEqual(readPosts(telegram, { fileName: tg }));
  });

  test('a broken export in a pipe, which cannot be read again, is placed by line and byte', async () => {
    const p = fifo('broken.json');
    const broken = telegram.replace('"id": 11,', '"id": 11,,');
    const [result] = await Promise.all([readPostsFromFile(p).then(() => null, (e: unknown) => e), writeFile(p, broken)]);
    expect(result).toBeInstanceOf(InputError);
    const before = broken.slice(0, broken.indexOf(',,') + 1);
    expect((result as Error).message).toBe(`${p}: malformed JSON at line ${before.split('\n').length} (byte ${Buffer.byteLength(before)})`);
  });

  test('an empty pipe is an empty file', async () => {
    const p = fifo('empty.txt');
    const [result] = await Promise.all([readPostsFromFile(p).then(() => null, (e: unknown) => e), writeFile(p, '')]);
    expect((result as Error).message).toBe(`${p}: file is empty`);
  });
});
