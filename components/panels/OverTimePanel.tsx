'use client';

import { useMemo } from 'react';
import { useStats } from '@/components/data/stats';
import { useDateBounds } from '@/components/dashboard/DashboardContext';
import { useFilters } from '@/components/dashboard/useFilters';
import { ChartBox, LazyOverTimeChart as OverTimeChart } from '@/components/charts/lazy';
import { OVER_TIME_HEIGHT } from '@/components/charts/chart-sizes';
import { DataTable } from '@/components/charts/DataTable';
import { bucketEnd, bucketLongLabel, pivotOverTime, type OverTimeRow } from '@/components/charts/over-time-data';
import { typeLabel } from '@/components/labels';
import { Panel } from './Panel';
import { QueryState } from './QueryState';

const BUCKET_NAME = { day: 'day', week: 'week', month: 'month' } as const;

export function OverTimePanel() {
  const { filters, update } = useFilters();
  const query = useStats('over-time', filters);
  const bounds = useDateBounds();
  const from = filters.from ?? bounds.first;
  const to = filters.to ?? bounds.last;
  // The axis spans the whole range asked for (or the whole corpus), quiet days included.
  const pivot = useMemo(
    () => (query.data ? { ...pivotOverTime(query.data.series, query.data.bucket, { from, to }), bucket: query.data.bucket } : null),
    [query.data, from, to],
  );
  const select = (start: string) => {
    if (!pivot) return;
    const end = bucketEnd(start, pivot.bucket);
    // Stay inside a range already chosen: a click narrows, it never widens.
    update({ from: filters.from && filters.from > start ? filters.from : start, to: filters.to && filters.to < end ? filters.to : end });
  };
  const title = `${filters.type.length ? 'Events' : 'Contacts'} over time${pivot ? ` · per ${BUCKET_NAME[pivot.bucket]}` : ''}`;
  return (
    <Panel
      title={title}
      testId="chart-over-time"
      className="span-over-time"
      picture="over-time"
      table={
        pivot ? (
          <DataTable<OverTimeRow>
            caption={`Events per ${pivot.bucket} and type`}
            rows={pivot.rows}
            rowKey={(r) => r.bucket}
            columns={[
              { header: pivot.bucket === 'day' ? 'Day' : pivot.bucket === 'week' ? 'Week' : 'Month', cell: (r) => bucketLongLabel(r.bucket, pivot.bucket) },
              ...pivot.types.map((t) => ({ header: typeLabel(t), cell: (r: OverTimeRow) => Number(r[t]), numeric: true })),
              { header: 'Total', cell: (r) => r.total, numeric: true },
            ]}
          />
        ) : null
      }
    >
      <QueryState query={query} what="contacts over time" minHeight={220} isEmpty={(d) => d.series.length === 0} empty="No dated events match these filters.">
        {() =>
          pivot ? (
            <ChartBox height={OVER_TIME_HEIGHT}>
              <OverTimeChart rows={pivot.rows} types={pivot.types} bucket={pivot.bucket} onSelect={select} />
            </ChartBox>
          ) : null
        }
      </QueryState>
    </Panel>
  );
}
