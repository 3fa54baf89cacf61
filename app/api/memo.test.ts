// Answers kept until the data changes (lib/server/memo.ts), through the routes and the pages' reads.
import { describe, expect, test } from 'vitest';
import { bumpDataVersion } from '@/db/queries/version';
import { memos } from '@/lib/server/memo';
import { pageRead } from '@/lib/server/route';
import { dbKind } from '@/scripts/testing/db';
import { fixtureDb } from '@/scripts/testing/fixture-db';
import { statsGet } from '@/scripts/testing/stats-route';

const countriesGet = statsGet('countries');

describe(`answers kept until the data changes, on the ${dbKind} database`, () => {
  const fx = fixtureDb({ serve: true });
  const countries = (q: string) => countriesGet(new Request(`http://localhost/api/stats/countries?${q}`));

  test('a JSON answer asked for again is the one made before, until the data version changes', async () => {
    const memo = memos()!.json.lru;
    const first = await countries('type=meeting');
    const body = await first.text();
    const hits = memo.hits;
    const again = await countries('type=meeting');
    expect(memo.hits).toBe(hits + 1);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(await again.text()).toBe(body);
    // Another query is another answer.
    await countries('type=phone_call');
    expect(memo.hits).toBe(hits + 1);
    await bumpDataVersion(fx.db);
    const after = await countries('type=meeting');
    expect(memo.hits).toBe(hits + 1);
    expect(after.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect(await after.text()).toBe(body);
  });

  test("a page's data is read once per view and data version; a read without a key every time", async () => {
    let reads = 0;
    const read = async () => ({ n: ++reads });
    expect(await pageRead(read, 'memo-test/a')).toEqual({ data: { n: 1 } });
    expect(await pageRead(read, 'memo-test/a')).toEqual({ data: { n: 1 } });
    expect(await pageRead(read, 'memo-test/b')).toEqual({ data: { n: 2 } });
    expect(await pageRead(read)).toEqual({ data: { n: 3 } });
    expect(await pageRead(read)).toEqual({ data: { n: 4 } });
    await bumpDataVersion(fx.db);
    expect(await pageRead(read, 'memo-test/a')).toEqual({ data: { n: 5 } });
  });

  test('SIDELINES_MEMO=off reads every time', async () => {
    process.env.SIDELINES_MEMO = 'off';
    try {
      expect(memos()).toBeNull();
      let reads = 0;
      const read = async () => ++reads;
      await pageRead(read, 'memo-test/off');
      await pageRead(read, 'memo-test/off');
      expect(reads).toBe(2);
    } finally {
      delete process.env.SIDELINES_MEMO;
    }
  });
});
