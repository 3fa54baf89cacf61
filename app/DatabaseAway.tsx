'use client';
// What a page shows while its data cannot be read, and how it comes back by itself. A page cannot
// answer 503 the way the JSON routes do (Next.js fixes a page's status before its data is read),
// so it says so in the page and asks the server for itself again every few seconds; once the read
// succeeds the server renders the real page in its place, with no reload.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

export type Away = 'busy' | 'unavailable';

/** As the JSON routes' Retry-After: 2 s for a busy server, 5 s for a database that is away. */
const RETRY_MS: Record<Away, number> = { busy: 2_000, unavailable: 5_000 };

export const AWAY_TEXT: Record<Away, string> = {
  busy: 'The server is busy right now; asking again in a few seconds.',
  unavailable: 'The database is unavailable right now; asking again every few seconds.',
};

/** Renders the page again from the server every few seconds while it is mounted. */
export function RefreshWhileAway({ away }: { away: Away }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), RETRY_MS[away]);
    return () => clearInterval(timer);
  }, [router, away]);
  return null;
}

/** A whole page in place of one that could not be read. */
export function DatabaseAway({ away, title }: { away: Away; title: string }) {
  return (
    <main className="page page-narrow">
      <p>
        <Link href="/">← Dashboard</Link>
      </p>
      <h1>{title}</h1>
      <p className="muted" role="alert" data-away={away}>
        {AWAY_TEXT[away]}
      </p>
      <RefreshWhileAway away={away} />
    </main>
  );
}
