import { sql } from 'kysely';
import { getDb } from '@/lib/db';
import { json, unavailable } from '@/lib/http';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    const db = await getDb();
    const started = performance.now();
    const { rows } = await sql<{ posts: number; events: number; version: string }>`
      select (select count(*)::int from posts) as posts,
             (select count(*)::int from events) as events,
             version() as version`.execute(db);
    return json({
      ok: true,
      database: process.env.DATABASE_URL ? 'server' : 'embedded',
      postgres: rows[0].version.split(' ').slice(0, 2).join(' '),
      posts: rows[0].posts,
      events: rows[0].events,
      latencyMs: Math.round((performance.now() - started) * 10) / 10,
    });
  } catch (err) {
    return unavailable(err);
  }
}
