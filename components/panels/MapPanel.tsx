'use client';

import dynamic from 'next/dynamic';
import { useStats } from '@/components/data/stats';
import { useWorldMapQuery } from '@/components/data/world-map';
import { useFilters } from '@/components/dashboard/useFilters';
import { useStableCallback } from '@/components/dashboard/useStableCallback';
import { SeqLegend } from '@/components/map/SeqLegend';
import { orgDisplay } from '@/components/labels';
import { formatNumber } from '@/components/format';
import { MAP_ASPECT } from '@/lib/domain/geo/map-box';
import { Panel } from './Panel';
import { QueryState, ErrorNote } from './QueryState';

// The map draws in the browser only (it needs the TopoJSON fetched from /maps), so its code,
// d3-geo and d3-zoom stay out of the first load.
const WorldMap = dynamic(() => import('@/components/map/WorldMap').then((m) => m.WorldMap), {
  ssr: false,
  loading: () => <div className="map-box map-placeholder" style={{ aspectRatio: MAP_ASPECT }} aria-hidden="true" />,
});

export function MapPanel() {
  const { filters, toggle } = useFilters();
  const select = useStableCallback((code: string) => toggle('country', code));
  const countries = useStats('countries', filters);
  const orgs = useStats('organizations', filters);
  const topology = useWorldMapQuery();
  const counts = countries.data ?? [];
  const max = counts.reduce((m, c) => Math.max(m, c.count), 0);
  const unit = filters.type.length ? 'event' : 'contact';

  return (
    <Panel title="Where" className="span-map" picture="map" actions={max > 0 ? <SeqLegend max={max} unit={`${unit}s`} /> : null}>
      <div className="map-layout">
        <div className="map-col">
          {topology.isError ? (
            <ErrorNote error={topology.error} what="the world map" retrying={topology.isFetching} onRetry={() => topology.refetch()} minHeight={200} />
          ) : topology.data === undefined ? (
            <div className="map-box map-placeholder" style={{ aspectRatio: MAP_ASPECT }} role="status">
              <span className="sr-only">Loading the world map…</span>
            </div>
          ) : (
            <QueryState query={countries} what="countries" minHeight={200}>
              {(data) => <WorldMap topology={topology.data} counts={data} selected={filters.country} unit={unit} onSelect={select} />}
            </QueryState>
          )}
          {countries.data && counts.length === 0 && <p className="muted small map-note">No counterpart country matches these filters.</p>}
        </div>
        <div className="map-orgs">
          <h3 className="small-heading">Organisations</h3>
          <QueryState query={orgs} what="organisations" minHeight={40} isEmpty={(d) => d.length === 0} empty="None for these filters.">
            {(data) => (
              <ul className="org-chips">
                {data.map((o) => {
                  const d = orgDisplay(o.code);
                  const active = filters.org.includes(o.code);
                  return (
                    <li key={o.code}>
                      <button
                        type="button"
                        className={`org-chip${active ? ' is-active' : ''}`}
                        title={`${d.title} — ${formatNumber(o.count)} — click to filter`}
                        aria-pressed={active}
                        onClick={() => toggle('org', o.code)}
                      >
                        {d.name} <span className="num count">{formatNumber(o.count)}</span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </QueryState>
        </div>
      </div>
    </Panel>
  );
}
