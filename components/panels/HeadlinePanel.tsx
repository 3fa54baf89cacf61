'use client';

import { useStats, type HeadlineWithChange } from '@/components/data/stats';
import { useFilters } from '@/components/dashboard/useFilters';
import { countNoun } from '@/lib/domain/events';
import { useCorpusTotals } from '@/components/dashboard/DashboardContext';
import { effectiveTypes } from '@/lib/domain/filters';
import { formatNumber, plural } from '@/components/format';
import { formatRange } from '@/lib/domain/calendar';
import { QueryState } from './QueryState';

type Metric = keyof HeadlineWithChange['current'];

const TILES: { metric: Metric; label: string; testId: string }[] = [
  // Labelled after the selected types (below).
  { metric: 'contacts', label: '', testId: 'headline-contacts' },
  { metric: 'countries', label: 'Countries met', testId: 'headline-countries' },
  { metric: 'organizations', label: 'Organisations met', testId: 'headline-organizations' },
  { metric: 'posts', label: 'Posts', testId: 'headline-posts' },
];

export function HeadlinePanel() {
  const { filters } = useFilters();
  const query = useStats('headline', filters);
  const noun = countNoun(effectiveTypes(filters));
  const counted = noun.other.charAt(0).toUpperCase() + noun.other.slice(1);
  return (
    <section className="headline" aria-label="Headline numbers">
      <QueryState query={query} what="headline numbers" minHeight={88}>
        {(h) => (
          <>
          <div className="tiles">
            {TILES.map((t) => (
              <Tile key={t.metric} label={t.label || counted} testId={t.testId} value={h.current[t.metric]} previous={h.previous?.[t.metric] ?? null} prevRange={h.previousRange} />
            ))}
          </div>
          <Reconcile posts={h.current.posts} counted={h.current.contacts} noun={noun} />
          </>
        )}
      </QueryState>
    </section>
  );
}

/**
 * One line that says how the tiles' numbers relate to the header's: the posts that report the
 * counted events, out of all posts stored, and the events stored in all.
 */
function Reconcile({ posts, counted, noun }: { posts: number; counted: number; noun: { one: string; other: string } }) {
  const totals = useCorpusTotals();
  if (!totals) return null;
  return (
    <p className="reconcile small muted" data-testid="reconcile">
      {`${plural(posts, 'post')} of the ${formatNumber(totals.posts)} stored ${posts === 1 ? 'reports' : 'report'} ${counted === 1 ? 'this' : 'these'} ${plural(counted, noun.one, noun.other)}. `}
      {`In all, the posts report ${plural(totals.events, 'event')}; a post can report several, and several posts one.`}
    </p>
  );
}

interface TileProps {
  label: string;
  testId: string;
  value: number;
  previous: number | null;
  prevRange: { from: string; to: string } | null;
}

function Tile({ label, testId, value, previous, prevRange }: TileProps) {
  const diff = previous === null ? null : value - previous;
  // The period compared, named: "vs 11–17 Sep 2023".
  const since = prevRange ? formatRange(prevRange.from, prevRange.to) : '';
  return (
    <div className="tile" data-testid={testId}>
      <div className="tile-label">{label}</div>
      <div className="tile-value num" data-testid="value">
        {formatNumber(value)}
      </div>
      {diff !== null && (
        <div className="tile-change num" title={`Previous period (${since}): ${formatNumber(previous ?? 0)}`}>
          <span aria-hidden="true">{diff > 0 ? '▲' : diff < 0 ? '▼' : '='}</span>{' '}
          {diff === 0 ? '±0' : `${diff > 0 ? '+' : '−'}${formatNumber(Math.abs(diff))}`}
          <span className="muted">{` vs ${since}`}</span>
          <span className="sr-only">{`: ${formatNumber(previous ?? 0)}`}</span>
        </div>
      )}
    </div>
  );
}
