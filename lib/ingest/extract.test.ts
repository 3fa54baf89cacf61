import { afterEach, describe, expect, test, vi } from 'vitest';
import { extract, postKey, toScorerJson } from './extract';
import { parsePost } from './parse';
import { readPosts } from './read';
import type { RawPost } from './types';

// The real parser, wrapped so that a test can make it report a failure on one post.
vi.mock('./parse', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./parse')>();
  return { ...actual, parsePost: vi.fn(actual.parsePost) };
});
const { parsePost: realParsePost } = await vi.importActual<typeof import('./parse')>('./parse');
afterEach(() => {
  vi.mocked(parsePost).mockImplementation(realParsePost);
});

const raw = (text: string, extra: Partial<RawPost> = {}): RawPost => ({
  channel: null, externalId: null, postedAt: null, lang: null, text, url: null, seq: 0, ...extra,
});

describe('extract', () => {
  test('russian and english reports of a call become one event', () => {
    const posts = readPosts(
      [
        '{"id": 1, "channel": "MID_Russia", "date": "2024-01-14T12:00:00Z", "text": "🇷🇺🇹🇷 Состоялся телефонный разговор С.В.Лаврова с Министром иностранных дел Турции Х.Фиданом.\\n\\n#РоссияТурция"}',
        '{"id": 2, "channel": "MFARussia", "date": "2024-01-14T12:05:00Z", "text": "🇷🇺🇹🇷 Sergey Lavrov had a telephone conversation with Foreign Minister of Türkiye Hakan Fidan.\\n\\n#RussiaTürkiye"}',
        '{"id": 3, "channel": "MFARussia", "date": "2024-01-15T08:00:00Z", "text": "🇷🇺🇮🇳 On January 15, Sergey Lavrov held talks with Indian Foreign Minister Subrahmanyam Jaishankar in Moscow."}',
      ].join('\n'),
      { fileName: 'posts.jsonl' },
    );
    const json = toScorerJson(extract(posts));
    expect(json.posts).toBe(3);
    expect(json.events).toEqual([
      expect.objectContaining({ date: '2024-01-14', type: 'phone_call', countries: ['TR'], organizations: [], principal: 'Sergey Lavrov', posts: ['MID_Russia/1', 'MFARussia/2'] }),
      expect.objectContaining({ date: '2024-01-15', type: 'meeting', countries: ['IN'], venue: 'Moscow', people: ['Subrahmanyam Jaishankar'], posts: ['MFARussia/3'] }),
    ]);
  });

  test('plain text borrows the year that other posts of the file state', () => {
    const posts = [
      raw('🎙 Briefing by Foreign Ministry Spokeswoman Maria Zakharova (Moscow, September 19, 2023)\n\n🔷 Ukrainian crisis'),
      raw('🤝 20 сентября С.В.Лавров встретился с Министром иностранных дел Индии С.Джайшанкаром.', { seq: 1 }),
    ];
    const out = toScorerJson(extract(posts, { source: 'day.txt' }));
    expect(out.events.map((e) => `${e.date} ${e.type} ${e.posts.join()}`)).toEqual(['2023-09-19 briefing day.txt#0', '2023-09-20 meeting day.txt#1']);
  });

  test('post keys', () => {
    expect(postKey(raw('x', { seq: 4 }), 'file.txt')).toBe('file.txt#4');
    expect(postKey(raw('x', { externalId: '77', channel: 'MID_Russia' }))).toBe('MID_Russia/77');
    expect(postKey(raw('x', { externalId: '77' }))).toBe('77');
  });

  test('posts the parser failed on are listed with their keys and messages, beside the events', () => {
    const posts = [
      raw('🇷🇺🇯🇴 On September 20, Sergey Lavrov met with Foreign Minister of Jordan Ayman Safadi.', { externalId: '7', channel: 'MFARussia' }),
      raw('🇷🇺🇮🇳 On September 21, Sergey Lavrov met with Minister of External Affairs of India Subrahmanyam Jaishankar.', { externalId: '8', channel: 'MFARussia' }),
    ];
    vi.mocked(parsePost).mockImplementation((p, o) => (p === posts[1] ? { lang: 'en', hashtags: [], events: [], error: 'stack overflow' } : realParsePost(p, o)));
    const json = toScorerJson(extract(posts, { year: 2023 }));
    expect(json.errors).toEqual([{ post: 'MFARussia/8', message: 'stack overflow' }]);
    expect(json.events.map((e) => e.countries)).toEqual([['JO']]);
    expect(json.posts).toBe(2);
    expect(toScorerJson(extract(posts.slice(0, 1), { year: 2023 })).errors).toEqual([]);
  });

  test('the scorer JSON lists counterparts only', () => {
    const [e] = toScorerJson(
      extract([raw('🇷🇺🇯🇴 On September 20, Sergey Lavrov met with Foreign Minister of Jordan Ayman Safadi. They discussed Syria.')], { year: 2023 }),
    ).events;
    expect(e).toMatchObject({ countries: ['JO'], organizations: [], people: ['Ayman Safadi'] });
  });
});
