import { describe, expect, test } from 'vitest';
import { LruMemo, ResponseMemo } from './memo';

describe('the memo of answers', () => {
  test('keeps the most recently used within its count and its size', () => {
    const m = new LruMemo<string>(2, 1_000);
    m.set('a', 'A', 10);
    m.set('b', 'B', 10);
    expect(m.get('a')).toBe('A'); // a is now the most recent
    m.set('c', 'C', 10);
    expect([m.get('a'), m.get('b'), m.get('c')]).toEqual(['A', undefined, 'C']);
    m.set('d', 'D', 995);
    expect(m.size).toBe(1);
    expect(m.get('d')).toBe('D');
    // One larger than all it may hold is not kept, and drives nothing out.
    m.set('e', 'E', 1_001);
    expect([m.get('e'), m.size]).toEqual([undefined, 1]);
    expect([m.hits, m.misses]).toEqual([4, 2]);
  });

  test('a value kept may be null (a view with nothing in it), and is told from one not kept', () => {
    const m = new LruMemo<null>(4);
    m.set('none', null);
    expect(m.get('none')).toBeNull();
    expect(m.get('other')).toBeUndefined();
  });

  test('an answer is given again whole: status, headers and body, as often as asked', async () => {
    const m = new ResponseMemo(4, 1 << 20);
    await m.set('"v1"', new Response('{"n":1}', { headers: { 'Content-Type': 'application/json', ETag: '"v1"' } }));
    for (let i = 0; i < 2; i++) {
      const again = m.get('"v1"')!;
      expect(again.status).toBe(200);
      expect(again.headers.get('etag')).toBe('"v1"');
      expect(again.headers.get('content-type')).toBe('application/json');
      expect(await again.json()).toEqual({ n: 1 });
    }
    expect(m.get('"v2"')).toBeUndefined();
  });
});
