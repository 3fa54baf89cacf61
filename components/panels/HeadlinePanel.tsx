'use client';

import { useStats, type HeadlineWithChange } from '@/components/data/stats';
import { useFilters } from '@/components/dashboard/useFilters';
import { formatNumber } from '@/components/format';
import { formatRange } from '@/lib/domain/calendar';
import { QueryState } from './QueryState';

type Metric = keyof HeadlineWithChange['current'];

const TILES: { metric: Metric; label: string; testId: string }[] = [
  { metric: 'contacts', label: 'Contacts', testId: 'headline-contacts' },
  { metric: 'countries', label: 'Countries met', testId: 'headline-countries' },
  { metric: 'organizations', label: 'Organisations met', testId: 'headline-organizations' },
  { metric: 'posts', label: 'Posts', testId: 'headline-posts' },
];

export function HeadlinePanel() {
  const { filters } = useFilters();
  const query = useStats('headline', filters);
  return (
    <section className="headline" aria-label="Headline numbers">
      <QueryState query={query} what="headline numbers" minHeight={88}>
        {(h) => (
          <div className="tiles">
            {TILES.map((t) => (
              <Tile key={t.metric} label={t.label} testId={t.testId} value={h.current[t.metric]} previous={h.previous?.[t.metric] ?? null} prevRange={h.previousRange} />
            ))}
          </div>
        )}
      </QueryState>
    </section>
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
          <span className="muted"> vs previous period</span>
          <span className="sr-only">{`, ${since}: ${formatNumber(previous ?? 0)}`}</span>
        </div>
      )}
    </div>
  );
}
