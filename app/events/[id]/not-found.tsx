import Link from 'next/link';

export default function EventNotFound() {
  return (
    <main className="page page-narrow">
      <p>
        <Link href="/">← Dashboard</Link>
      </p>
      <h1>No such event</h1>
      <p className="muted">No event has this id, and none that was removed had it: an event merged into another or removed when its posts were parsed again says so, and links to its day.</p>
    </main>
  );
}
