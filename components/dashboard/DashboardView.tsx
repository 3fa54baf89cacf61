'use client';

import { useState } from 'react';
import { FilterBar } from '@/components/filters/FilterBar';
import { HeadlinePanel } from '@/components/panels/HeadlinePanel';
import { MapPanel } from '@/components/panels/MapPanel';
import { CounterpartsPanel } from '@/components/panels/CounterpartsPanel';
import { OverTimePanel } from '@/components/panels/OverTimePanel';
import { TopicsPanel } from '@/components/panels/TopicsPanel';
import { MatrixPanel } from '@/components/panels/MatrixPanel';
import { TimelinePanel } from '@/components/timeline/TimelinePanel';
import { DashboardProvider, type DateBounds } from './DashboardContext';
import { DashboardHeader, type Corpus } from './DashboardHeader';
import { useFilters } from './useFilters';

interface DashboardViewProps {
  corpus: Corpus | null;
  bounds: DateBounds;
  /** Why the server could not read the first view, when it could not. */
  loadError: string | null;
}

/**
 * The dashboard: arranges the panels; each panel asks its own query for the filters in the URL
 * (the first view's are in the cache already, read ahead on the server).
 */
export function DashboardView({ corpus, bounds, loadError }: DashboardViewProps) {
  const { problems } = useFilters();
  return (
    <DashboardProvider bounds={bounds} totals={corpus ? { posts: corpus.posts, events: corpus.events, channels: corpus.channels } : null}>
      <div className="page">
        <DashboardHeader corpus={corpus} />
        {problems.length > 0 && (
          <div className="notice" role="alert">
            <strong>Some of this link&apos;s filters could not be read and are left out:</strong>
            <ul>
              {problems.map((p, i) => (
                <li key={i}>
                  <code>{p.message}</code>
                </li>
              ))}
            </ul>
          </div>
        )}
        {loadError && <LoadErrorNotice message={loadError} />}
        <FilterBar />
        <main className="dash">
          <HeadlinePanel />
          <div className="grid">
            <MapPanel />
            <CounterpartsPanel />
            <OverTimePanel />
            <TopicsPanel />
            <MatrixPanel />
          </div>
          <TimelinePanel />
        </main>
      </div>
    </DashboardProvider>
  );
}

function LoadErrorNotice({ message }: { message: string }) {
  const [shown, setShown] = useState(true);
  if (!shown) return null;
  return (
    <div className="notice notice-row" role="alert">
      <span>The database could not be read for the first view ({message}). The panels below keep trying on their own.</span>
      <button type="button" className="btn btn-small" onClick={() => setShown(false)}>
        Dismiss
      </button>
    </div>
  );
}
