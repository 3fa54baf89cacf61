// Two servers on one database give the same ETag for the same answer (ARCHITECTURE.md, "Beyond one
// machine"): the ETag is made of the data version and the request, nothing of the process. Two
// instances of the route modules stand for two servers: each loads its own copy of every module,
// at a different moment, as a server started elsewhere would.
import { describe, expect, test, vi } from 'vitest';
import { bumpDataVersion } from '@/db/queries/version';
import { dbKind } from '@/scripts/testing/db';
import { fixtureDb } from '@/scripts/testing/fixture-db';

type Get = (request: Request) => Promise<Response>;

async function serverInstance(): Promise<{ countries: Get; headline: Get }> {
  vi.resetModules();
  const { statsGet } = await import('@/scripts/testing/stats-route');
  return { countries: statsGet('countries'), headline: statsGet('headline') };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`ETags across servers on the ${dbKind} database`, () => {
  const t = fixtureDb({ serve: true });

  test('two servers give one ETag for one request and data version, and honour each other\'s', async () => {
    const a = await serverInstance();
    await sleep(20);
    const b = await serverInstance();

    // The same request, reaching each server under its own host name.
    const fromA = await a.countries(new Request('http://a.internal:3000/api/stats/countries?from=2023-09-01'));
    const fromB = await b.countries(new Request('http://b.internal:3001/api/stats/countries?from=2023-09-01'));
    const etag = fromA.headers.get('etag');
    expect(etag).toMatch(/^W\/"\d+\.[0-9a-f]{20}"$/);
    expect(fromB.headers.get('etag')).toBe(etag);

    // A cache that got its answer from A revalidates it against B.
    const revalidated = await b.countries(new Request('http://b.internal:3001/api/stats/countries?from=2023-09-01', { headers: { 'If-None-Match': etag! } }));
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(etag);
  });

  test('another request, another route or new data is another ETag', async () => {
    const a = await serverInstance();
    const etagOf = async (get: Get, url: string) => (await get(new Request(url))).headers.get('etag');
    const base = await etagOf(a.countries, 'http://localhost/api/stats/countries?from=2023-09-01');
    expect(await etagOf(a.countries, 'http://localhost/api/stats/countries?from=2023-09-02')).not.toBe(base);
    expect(await etagOf(a.headline, 'http://localhost/api/stats/headline?from=2023-09-01')).not.toBe(base);
    await bumpDataVersion(t.db);
    const after = await etagOf(a.countries, 'http://localhost/api/stats/countries?from=2023-09-01');
    expect(after).not.toBe(base);
    // …and the same again on a server started after the change.
    expect(await etagOf((await serverInstance()).countries, 'http://elsewhere/api/stats/countries?from=2023-09-01')).toBe(after);
  });
});
