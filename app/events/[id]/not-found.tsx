import Link from 'next/link';

export default function EventNotFound() {
  return (
    <main className="page page-narrow">
      <p>
        <Link href="/">← Dashboard</Link>
      </p>
      <h1>No such event</h1>
      <p className="muted">This event does not exist, or it was merged into another when the posts were parsed again.</p>
    </main>
  );
}
