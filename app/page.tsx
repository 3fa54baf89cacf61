import { corpusSummary, latestPosts } from '@/db/queries/posts';
import { getDb } from '@/lib/db';

// Reads the database on every request; a build never needs it.
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const db = await getDb();
  const [summary, posts] = await Promise.all([corpusSummary(db), latestPosts(db, 50)]);
  return (
    <main style={{ maxWidth: 900, margin: '0 auto', padding: 24 }}>
      <h1>Sidelines</h1>
      <p className="num">
        {summary.posts} posts · {summary.events} events
        {summary.firstDate ? ` · ${summary.firstDate} – ${summary.lastDate}` : ''}
        {summary.channels.length ? ` · ${summary.channels.join(', ')}` : ''}
      </p>
      <ol>
        {posts.map((p) => (
          <li key={p.id} lang={p.lang} style={{ marginBottom: 12, whiteSpace: 'pre-line' }}>
            {p.text.slice(0, 400)}
            {p.text.length > 400 ? '…' : ''}
          </li>
        ))}
      </ol>
    </main>
  );
}
