'use client';

import { useMemo } from 'react';
import { useStableCallback } from '@/components/dashboard/useStableCallback';
import { useStats } from '@/components/data/stats';
import { useFilters } from '@/components/dashboard/useFilters';
import type { RankedRow } from '@/components/charts/RankedBarChart';
import { ChartBox, LazyRankedBarChart as RankedBarChart } from '@/components/charts/lazy';
import { rankedHeight } from '@/components/charts/chart-sizes';
import { DataTable } from '@/components/charts/DataTable';
import { topicDisplay } from '@/components/labels';
import { Panel } from './Panel';
import { QueryState } from './QueryState';

const SHOWN = 10;

export function TopicsPanel() {
  const { filters, add } = useFilters();
  const query = useStats('topics', filters);
  // Kept while the data is: a memoised chart is then not drawn again on a filter click.
  const rows: RankedRow[] = useMemo(() => (query.data ?? []).map((r) => ({ key: r.code, count: r.count, ...topicDisplay(r.code) })), [query.data]);
  const shown = useMemo(() => rows.slice(0, SHOWN), [rows]);
  const select = useStableCallback((key: string) => add({ topic: [key] }));
  return (
    <Panel
      title="Topics"
      testId="chart-topics"
      className="span-topics"
      picture="topics"
      table={
        <DataTable<RankedRow>
          caption="Events per topic"
          rows={rows}
          rowKey={(r) => r.key}
          columns={[
            {
              header: 'Topic',
              cell: (r) => (
                <button type="button" className="link-btn" title={`${r.title} — filter`} onClick={() => select(r.key)}>
                  {r.name}
                </button>
              ),
            },
            { header: 'Events', cell: (r) => r.count, numeric: true },
          ]}
        />
      }
    >
      <QueryState query={query} what="topics" minHeight={200} isEmpty={(d) => d.length === 0} empty="No topics for these filters.">
        {() => (
          <>
            <ChartBox height={rankedHeight(Math.min(rows.length, SHOWN))}>
              <RankedBarChart rows={shown} unit="event" onSelect={select} labelWidth={150} label="Events per topic" />
            </ChartBox>
            {rows.length > SHOWN && <p className="muted small">and {rows.length - SHOWN} more — see Table</p>}
          </>
        )}
      </QueryState>
    </Panel>
  );
}
