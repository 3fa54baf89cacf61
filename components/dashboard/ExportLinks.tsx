'use client';

import { filtersToQuery } from '@/lib/domain/filters';
import { useFilters } from './useFilters';

/** Downloads of the current view: its events as CSV or JSON, its weekly summary, and its feed. */
export function ExportLinks() {
  const { filters } = useFilters();
  const q = filtersToQuery(filters);
  const amp = q ? `&${q}` : '';
  return (
    <nav className="export-links" aria-label="Export">
      <a className="btn" href={`/api/events/export?format=csv${amp}`} download>
        CSV
      </a>
      <a className="btn" href={`/api/events/export?format=json${amp}`} download>
        JSON
      </a>
      <a className="btn" href={`/weekly${q ? `?${q}` : ''}`}>
        Weekly
      </a>
      <a className="btn" href={`/feed.xml${q ? `?${q}` : ''}`} type="application/atom+xml" title="An Atom feed of this view's newest events, for a feed reader">
        Follow this view
      </a>
    </nav>
  );
}
