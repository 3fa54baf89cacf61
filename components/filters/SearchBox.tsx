'use client';

import { useFilters } from '@/components/dashboard/useFilters';
import { MAX_QUERY } from '@/lib/domain/filters';

/** Full-text search over the posts (Russian and English); applied on Enter. */
export function SearchBox() {
  const { filters, update } = useFilters();
  return (
    <form
      role="search"
      className="fb-item search"
      // A new key when the URL's q changes (back, Clear all) resets what is typed.
      key={filters.q ?? ''}
      onSubmit={(e) => {
        e.preventDefault();
        const q = String(new FormData(e.currentTarget).get('q') ?? '').trim();
        update({ q: q || undefined });
      }}
    >
      <input type="search" name="q" className="input" aria-label="Search the posts" placeholder="Search posts…" defaultValue={filters.q ?? ''} maxLength={MAX_QUERY} />
      <button type="submit" className="btn">
        Search
      </button>
    </form>
  );
}
