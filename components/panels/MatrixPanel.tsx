'use client';

import { useMemo } from 'react';
import { useStableCallback } from '@/components/dashboard/useStableCallback';
import { useStats, type MatrixCell } from '@/components/data/stats';
import { useFilters } from '@/components/dashboard/useFilters';
import { MatrixHeatmap, shapeMatrix } from '@/components/charts/MatrixHeatmap';
import { DataTable } from '@/components/charts/DataTable';
import { countryDisplay, topicDisplay } from '@/components/labels';
import { SeqLegend } from '@/components/map/SeqLegend';
import { Panel } from './Panel';
import { QueryState } from './QueryState';

export function MatrixPanel() {
  const { filters, add } = useFilters();
  const query = useStats('matrix', filters);
  const shape = useMemo(() => (query.data ? shapeMatrix(query.data) : null), [query.data]);
  const select = useStableCallback((country: string, topic: string) => add({ country: [country], topic: [topic] }));
  const cells = useMemo(
    () => [...(query.data ?? [])].sort((a, b) => b.count - a.count || a.country.localeCompare(b.country) || a.topic.localeCompare(b.topic)),
    [query.data],
  );
  return (
    <Panel
      title="Countries × topics"
      testId="chart-matrix"
      className="span-matrix"
      picture="matrix"
      actions={shape && shape.max > 0 ? <SeqLegend max={shape.max} unit="events" /> : null}
      table={
        <DataTable<MatrixCell>
          caption="Events per counterpart country and topic"
          rows={cells}
          rowKey={(r) => `${r.country}|${r.topic}`}
          columns={[
            { header: 'Country', cell: (r) => `${countryDisplay(r.country).flag ?? ''} ${countryDisplay(r.country).name}`.trim() },
            { header: 'Topic', cell: (r) => topicDisplay(r.topic).name },
            { header: 'Events', cell: (r) => r.count, numeric: true },
          ]}
        />
      }
    >
      <QueryState query={query} what="the country × topic matrix" minHeight={160} isEmpty={(d) => d.length === 0} empty="No counterpart country with a topic matches these filters.">
        {() =>
          shape ? (
            <div className="heatmap-wrap">
              <MatrixHeatmap matrix={shape} onSelect={select} />
            </div>
          ) : null
        }
      </QueryState>
    </Panel>
  );
}
