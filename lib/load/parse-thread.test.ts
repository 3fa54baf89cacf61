import { afterAll, expect, test } from 'vitest';
import { generateCorpus, toRawPost } from '@/scripts/bench/corpus';
import { startParseThread } from './parse-thread';
import { prepareAll } from './prepare';

const thread = startParseThread();
afterAll(() => thread.close());

test('the parse thread prepares posts as the caller would, batch after batch, in order', async () => {
  const posts = [...generateCorpus({ posts: 600, seed: 11 })].map((p, i) => toRawPost(p, i));
  const undated = posts.slice(0, 50).map((p) => ({ ...p, postedAt: null }));
  const batches = [posts.slice(0, 300), posts.slice(300), undated];
  const results = await Promise.all(batches.map((b) => thread.prepare(b, { channel: 'mfa' })));
  batches.forEach((b, i) => expect(results[i]).toEqual(prepareAll(b, { channel: 'mfa' })));
  expect(results[0]![0]!.raw).toBe(posts[0]);
  expect(results[0]!.some((p) => p.events.length > 0)).toBe(true);
});

test('a closed thread refuses work with a message', async () => {
  const other = startParseThread();
  await other.close();
  await expect(other.prepare([], {})).rejects.toThrow(/parse thread/);
});
