// What prepareOne makes of a parser failure, whether parsePost reports it (as it does) or throws.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { parsePost } from '@/lib/ingest/parse';
import type { RawPost } from '@/lib/ingest/types';
import { prepareAll, prepareOne } from './prepare';

// The real parser, wrapped so that a test can make it fail on one post.
vi.mock('@/lib/ingest/parse', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/ingest/parse')>();
  return { ...actual, parsePost: vi.fn(actual.parsePost) };
});
const { parsePost: realParsePost } = await vi.importActual<typeof import('@/lib/ingest/parse')>('@/lib/ingest/parse');
const parse = vi.mocked(parsePost);
afterEach(() => {
  parse.mockImplementation(realParsePost);
});

const post = (text: string, extra: Partial<RawPost> = {}): RawPost => ({
  channel: 'mfa', externalId: '1', postedAt: new Date('2024-05-05T10:00:00Z'), lang: 'en', text, url: null, seq: 0, ...extra,
});
const TALKS = 'On May 5, 2024, Sergey Lavrov held talks with Minister of External Affairs of India Subrahmanyam Jaishankar.';

describe('prepareOne', () => {
  test('a post that parses has its events and no error', () => {
    const p = prepareOne(post(TALKS), {});
    expect(p.error).toBeNull();
    expect(p.events.length).toBeGreaterThan(0);
  });

  test("parsePost's reported failure becomes the post's error, with no events", () => {
    parse.mockImplementation((raw, opts) => ({ ...realParsePost(raw, opts), error: 'digest line 3: index out of range' }));
    const p = prepareOne(post(TALKS), {});
    expect(p).toMatchObject({ error: 'digest line 3: index out of range', events: [], lang: 'en' });
  });

  test('an empty message is still a failure', () => {
    parse.mockImplementation(() => ({ lang: 'en', hashtags: [], events: [], error: '' }));
    expect(prepareOne(post(TALKS), {}).error).toMatch(/failed/);
    parse.mockImplementation(() => {
      throw new Error('');
    });
    expect(prepareOne(post(TALKS), {}).error).toMatch(/failed/);
  });

  test('a parsePost that throws all the same is recorded the same way', () => {
    parse.mockImplementation(() => {
      throw new TypeError('cannot read properties of undefined');
    });
    const p = prepareOne(post('Лавров провёл переговоры.', { lang: null }), {});
    expect(p).toMatchObject({ error: 'cannot read properties of undefined', events: [], lang: 'ru' });
  });

  test('undated posts parsed again with the inferred year keep their failure', () => {
    const dated = post('🎙 Briefing by Foreign Ministry Spokeswoman Maria Zakharova (Moscow, September 19, 2023)', { postedAt: null });
    const broken = post('🤝 20 сентября С.В.Лавров встретился с Министром иностранных дел Индии С.Джайшанкаром.', { postedAt: null, externalId: '2', lang: 'ru' });
    parse.mockImplementation((raw, opts) => (raw === broken ? { ...realParsePost(raw, opts), events: [], error: 'boom' } : realParsePost(raw, opts)));
    const [a, b] = prepareAll([dated, broken], {});
    expect(a!.error).toBeNull();
    expect(b).toMatchObject({ error: 'boom', events: [], year: 2023 });
  });
});
