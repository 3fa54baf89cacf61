// The health check a load balancer or uptime monitor asks: ok (200) or degraded (503), the data
// version the server reads, so that two servers can be seen to serve the same data, and how
// fresh each channel's posts are, so that a sync that stopped is seen. Nothing about hosts,
// ports, paths or software versions: anyone can ask it.
import { corpusSummary } from '@/db/queries/posts';
import { dataVersion } from '@/db/queries/version';
import { getDb } from '@/lib/server/db';
import { json, unavailable } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    const db = await getDb();
    const [version, corpus] = await Promise.all([dataVersion(db), corpusSummary(db)]);
    const iso = (t: Date | null) => t?.toISOString() ?? null;
    const channels = corpus.freshness.map((c) => ({
      channel: c.channel,
      posts: c.posts,
      newestPostAt: iso(c.newestPostAt),
      lastIngestedAt: iso(c.lastIngestedAt),
      lastSyncedAt: iso(c.lastSyncedAt),
    }));
    return json({ ok: true, status: 'ok', dataVersion: version, channels }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    return unavailable(err, { ok: false, status: 'degraded' });
  }
}
