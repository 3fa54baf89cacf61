// One's own posts never mix with the bundled sample: the first ingest of another channel into a
// database that holds the sample alone removes it in the same transaction.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { countsByCountry, headline } from '@/db/queries/stats';
import { corpusSummary } from '@/db/queries/posts';
import { dataVersion } from '@/db/queries/version';
import { readPostsFromFile } from '@/lib/ingest/read';
import type { RawPost } from '@/lib/ingest/types';
import { EMPTY_FILTERS, parseFilters } from '@/lib/domain/filters';
import { dbKind, freshDb, type TestDb } from '@/scripts/testing/db';
import { SAMPLE_CHANNEL } from './channel';
import { storeBatches, storePosts } from './store';

const SAMPLE = path.join(process.cwd(), 'data/sample/mfa-2023-09-19-21.txt');

const own = (id: string, text: string): RawPost => ({
  channel: 'MFARussia',
  externalId: id,
  postedAt: new Date('2026-03-10T09:00:00Z'),
  lang: 'en',
  text,
  url: null,
  seq: Number(id),
});
const OWN = [
  own('1', 'On March 10, Sergey Lavrov held talks with Minister of Foreign Affairs of Egypt Badr Abdelatty.'),
  own('2', 'On March 10, Sergey Lavrov had a telephone conversation with Minister of Foreign Affairs of Türkiye Hakan Fidan.'),
];

describe(`the bundled sample and one's own posts on the ${dbKind} database`, () => {
  let t: TestDb;
  let sample: RawPost[];
  beforeEach(async () => {
    t = await freshDb();
    sample = await readPostsFromFile(SAMPLE, { channel: SAMPLE_CHANNEL });
    await storePosts(t.db, sample, { channel: SAMPLE_CHANNEL });
  });
  afterEach(() => t.close());

  test('the first posts of another channel replace the sample, in the same run', async () => {
    const before = await dataVersion(t.db);
    const s = await storePosts(t.db, OWN, { replaceSample: true });
    expect(s.samplePostsRemoved).toBe(sample.length);
    expect(s.sampleEventsRemoved).toBeGreaterThan(5);
    expect(s.postsNew).toBe(2);
    const corpus = await corpusSummary(t.db);
    expect(corpus).toMatchObject({ channels: ['MFARussia'], posts: 2, events: 2 });
    // The pre-counted totals forgot the sample too: all time is one's own two contacts.
    expect((await headline(t.db, EMPTY_FILTERS)).current).toEqual({ contacts: 2, countries: 2, organizations: 0, posts: 2 });
    expect(await dataVersion(t.db)).toBeGreaterThan(before);
  });

  test('--keep-sample (replaceSample off) keeps it, and the channel filter tells them apart', async () => {
    const s = await storePosts(t.db, OWN, { replaceSample: false });
    expect(s.samplePostsRemoved).toBe(0);
    expect((await corpusSummary(t.db)).channels).toEqual(['MFARussia', SAMPLE_CHANNEL]);
    const by = async (q: string) => {
      const parsed = parseFilters(new URLSearchParams(q));
      if (!parsed.ok) throw parsed.error;
      return (await headline(t.db, parsed.filters)).current.contacts;
    };
    const all = await by('');
    expect(await by('channel=MFARussia')).toBe(2);
    // Any case, with or without the @.
    expect(await by('channel=@mfarussia')).toBe(2);
    expect(await by(`channel=${SAMPLE_CHANNEL}`)).toBe(all - 2);
    expect(await by(`channel=MFARussia,${SAMPLE_CHANNEL}`)).toBe(all);
    expect(await by('channel=MID_Russia')).toBe(0);
  });

  test('nothing is removed once the database holds other posts, or when the posts are the sample’s own', async () => {
    await storePosts(t.db, OWN, { replaceSample: false });
    const s = await storePosts(t.db, [own('3', 'On March 11, Sergey Lavrov met with Foreign Minister of India Subrahmanyam Jaishankar.')], { replaceSample: true });
    expect(s.samplePostsRemoved).toBe(0);
    expect((await corpusSummary(t.db)).posts).toBe(sample.length + 3);

    const again = await storePosts(t.db, sample, { channel: SAMPLE_CHANNEL, replaceSample: true });
    expect(again.samplePostsRemoved).toBe(0);
  });

  test('a run that fails after the removal removes nothing', async () => {
    // The second batch names a channel that contradicts --channel: the run fails there, after the
    // first batch took the sample's place, and the removal is rolled back with the rest.
    const bad = [{ ...own('4', 'y'), channel: 'other' }];
    await expect(storeBatches(t.db, [OWN, bad], { replaceSample: true, channel: 'MFARussia' })).rejects.toThrow(/channel/);
    expect(await corpusSummary(t.db)).toMatchObject({ channels: [SAMPLE_CHANNEL], posts: sample.length });
  });

  test('search finds the event a post is about, not every event of a digest that lists it', async () => {
    const by = async (q: string) => {
      const parsed = parseFilters(new URLSearchParams(q));
      if (!parsed.ok) throw parsed.error;
      return (await countsByCountry(t.db, parsed.filters, 50)).map((c) => c.code);
    };
    // The day's digests name Venezuela beside Honduras, Jordan and the others: only the
    // Venezuela meeting is found.
    expect(await by('q=Венесуэла')).toEqual(['VE']);
    expect(await by('q=Venezuela')).toEqual(['VE']);
    // The start of a word finds it, in either language and case form.
    expect(await by('q=Venez')).toEqual(['VE']);
    expect(await by('q=Венесуэ')).toEqual(['VE']);
    // Query syntax typed in is no syntax in the prefix query: its words are kept, the rest dropped.
    expect(await by("q=Venez:*%20%7C%20'x%20!!")).toEqual(['VE']);
    // The digests keep their links, as digests.
    const roles = await t.db.selectFrom('event_posts').select('role').execute();
    expect(roles.filter((r) => r.role === 'digest').length).toBeGreaterThan(3);
    expect(roles.filter((r) => r.role === 'report').length).toBeGreaterThan(5);
  });
});
