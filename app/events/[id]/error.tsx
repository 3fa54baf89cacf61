'use client';

import Link from 'next/link';

export default function EventError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="page page-narrow">
      <p>
        <Link href="/">← Dashboard</Link>
      </p>
      <h1>This event could not be loaded</h1>
      <p className="muted">{/connect|unavailable|PGlite|in use/i.test(error.message) ? 'The database is unavailable right now.' : 'Something went wrong while reading it.'}</p>
      <button type="button" className="btn" onClick={reset}>
        Retry
      </button>
    </main>
  );
}
