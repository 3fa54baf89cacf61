// The health check a load balancer or uptime monitor asks: ok (200) or degraded (503), and the
// data version the server reads, so that two servers can be seen to serve the same data. Nothing
// about hosts, ports, paths or software versions: anyone can ask it.
import { dataVersion } from '@/db/queries/version';
import { getDb } from '@/lib/server/db';
import { json, unavailable } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    const db = await getDb();
    const version = await dataVersion(db);
    return json({ ok: true, status: 'ok', dataVersion: version }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    return unavailable(err, { ok: false, status: 'degraded' });
  }
}
