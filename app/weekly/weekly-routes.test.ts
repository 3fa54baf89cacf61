import { describe, expect, test } from 'vitest';
import { dbKind } from '@/scripts/testing/db';
import { fixtureDb } from '@/scripts/testing/fixture-db';
import { readPng } from '@/scripts/testing/png';
import { bumpDataVersion } from '@/db/queries/version';
import { memos } from '@/lib/server/memo';
import { GET as previewGet } from '../api/preview/route';
import { GET as weeklyPng } from './[week]/image.png/route';

const png = (week: string, query = '') =>
  weeklyPng(new Request(`http://localhost/weekly/${week}/image.png?${query}`), { params: Promise.resolve({ week }) });

describe(`weekly and preview pictures on the ${dbKind} database`, () => {
  const fx = fixtureDb({ serve: true });

  test('/weekly/2023-W38/image.png is a 1200×675 PNG with a picture in it', async () => {
    const res = await png('2023-W38');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const info = readPng(Buffer.from(await res.arrayBuffer()));
    expect(info).toMatchObject({ width: 1200, height: 675 });
    expect(info.colors).toBeGreaterThan(20);
  });

  test('filters and the square size apply', async () => {
    const res = await png('2023-W38', 'country=VE&size=square');
    expect(readPng(Buffer.from(await res.arrayBuffer()))).toMatchObject({ width: 1080, height: 1080 });
  });

  test.each([
    ['2023-W60', '', 404, /not an ISO week/],
    ['abc', '', 404, /not an ISO week/],
    ['2023-W38', 'country=QQ', 400, /country\.0/],
    ['2023-W38', 'size=huge', 400, /size: must be/],
  ])('%s?%s answers %i with a message', async (week, query, status, message) => {
    const res = await png(week, query);
    expect(res.status).toBe(status);
    expect((await res.json()).error).toMatch(message);
  });

  test('the preview of a filtered view is a PNG; bad filters are a 400', async () => {
    const ok = await previewGet(new Request('http://localhost/api/preview?from=2023-09-01&topic=middle_east'));
    expect(readPng(Buffer.from(await ok.arrayBuffer()))).toMatchObject({ width: 1200, height: 675 });
    const bad = await previewGet(new Request('http://localhost/api/preview?from=tomorrow'));
    expect(bad.status).toBe(400);
  });

  test('a picture asked for again is the one drawn before, until the data changes', async () => {
    const memo = memos()!.pictures.lru;
    const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());
    const first = await png('2023-W38', 'topic=middle_east&size=square');
    const hits = memo.hits;
    const again = await png('2023-W38', 'topic=middle_east&size=square');
    expect(memo.hits).toBe(hits + 1);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(again.headers.get('content-type')).toBe('image/png');
    expect((await bytes(again)).equals(await bytes(first))).toBe(true);
    // Another size is another picture.
    await png('2023-W38', 'topic=middle_east');
    expect(memo.hits).toBe(hits + 1);
    // An ingest changes the data version: the picture is drawn again, under a new ETag.
    await bumpDataVersion(fx.db);
    const after = await png('2023-W38', 'topic=middle_east&size=square');
    expect(memo.hits).toBe(hits + 1);
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(first.headers.get('etag'));
  });
});
