// A parser failure end to end: the parser throws inside, parsePost reports it, and the post is
// stored marked as failed with the message and without events; a reparse that reads it again
// clears the mark. The failure is real: the tokenizer the parser calls throws on one word.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { RawPost } from '@/lib/ingest/types';
import { dbKind, freshDb, type TestDb } from '@/scripts/testing/db';
import { FAILURES_NAMED } from './failures';
import { reparseAll, storeBatches, storePosts } from './store';

const bug = vi.hoisted(() => ({ word: null as string | null }));

vi.mock('@/lib/ingest/vocab', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/ingest/vocab')>();
  return {
    ...actual,
    tokenize: (text: string) => {
      if (bug.word !== null && text.includes(bug.word)) throw new RangeError(`tokenizer bug near "${bug.word}"`);
      return actual.tokenize(text);
    },
  };
});

const post = (externalId: string, text: string): RawPost => ({
  channel: 'mfa', externalId, postedAt: new Date('2024-05-05T10:00:00Z'), lang: 'en', text, url: null, seq: Number(externalId),
});
const INDIA = post('1', 'On May 5, 2024, Sergey Lavrov held talks with Minister of External Affairs of India Subrahmanyam Jaishankar in Moscow.');
const TURKEY = post('2', 'On May 5, 2024, Sergey Lavrov had a telephone conversation with Minister of Foreign Affairs of Türkiye Hakan Fidan.');

describe(`posts the parser fails on, on the ${dbKind} database`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb();
  });
  afterAll(() => t.close());

  async function row(externalId: string) {
    const p = await t.db
      .selectFrom('posts')
      .select(['id', 'parse_status', 'parse_error'])
      .where('external_id', '=', externalId)
      .executeTakeFirstOrThrow();
    const links = await t.db.selectFrom('event_posts').select('event_id').where('post_id', '=', p.id).execute();
    return { status: p.parse_status, error: p.parse_error, links: links.length };
  }

  async function counterparts(): Promise<string[]> {
    const rows = await t.db.selectFrom('event_countries').select('country').where('role', '=', 'counterpart').orderBy('country').execute();
    return rows.map((r) => r.country.trim());
  }

  test('on ingest: the post is stored with status error and the message, without events, and named', async () => {
    bug.word = 'Jaishankar';
    const s = await storePosts(t.db, [INDIA, TURKEY]);
    expect(s).toMatchObject({ postsNew: 2, postsFailed: 1, postsNoEvent: 0 });
    expect(s.failures).toEqual([{ post: 'mfa/1', message: 'tokenizer bug near "Jaishankar"' }]);
    expect(await row('1')).toEqual({ status: 'error', error: 'tokenizer bug near "Jaishankar"', links: 0 });
    expect(await row('2')).toMatchObject({ status: 'ok', error: null });
    expect((await row('2')).links).toBeGreaterThan(0);
    expect(await counterparts()).toEqual(['TR']);
  });

  test('a reparse after the fix: the post is ok again, its message gone, its event there', async () => {
    bug.word = null;
    const s = await reparseAll(t.db);
    expect(s).toMatchObject({ postsRead: 2, postsFailed: 0, failures: [] });
    expect(await row('1')).toMatchObject({ status: 'ok', error: null });
    expect((await row('1')).links).toBeGreaterThan(0);
    expect(await counterparts()).toEqual(['IN', 'TR']);
  });

  test('a reparse with a parser that now fails on a stored post marks it and drops its events', async () => {
    bug.word = 'Fidan';
    const s = await reparseAll(t.db);
    expect(s).toMatchObject({ postsRead: 2, postsFailed: 1, failures: [{ post: 'mfa/2', message: 'tokenizer bug near "Fidan"' }] });
    expect(await row('2')).toEqual({ status: 'error', error: 'tokenizer bug near "Fidan"', links: 0 });
    expect(await row('1')).toMatchObject({ status: 'ok', error: null });
    expect(await counterparts()).toEqual(['IN']);
  });

  test('across batches every failure is counted and the first few are named, in order', async () => {
    bug.word = 'Wang Yi';
    const china = (i: number) => post(String(100 + i), `On May ${i + 1}, 2024, Sergey Lavrov met with Foreign Minister of China Wang Yi (${i}).`);
    const batches = [[0, 1, 2, 3].map(china), [4, 5, 6, 7].map(china)];
    const s = await storeBatches(t.db, batches);
    expect(s).toMatchObject({ postsNew: 8, postsFailed: 8, eventsCreated: 0 });
    const keys = Array.from({ length: 8 }, (_, i) => `mfa/${100 + i}`);
    expect(s.failures.map((f) => f.post)).toEqual(keys.slice(0, FAILURES_NAMED));
    const failed = await t.db.selectFrom('posts').select('parse_error').where('parse_status', '=', 'error').execute();
    expect(failed).toHaveLength(9);
    expect(failed.every((f) => f.parse_error?.startsWith('tokenizer bug'))).toBe(true);
  });
});
