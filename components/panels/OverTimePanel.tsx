'use client';

import { useMemo } from 'react';
import { useStableCallback } from '@/components/dashboard/useStableCallback';
import { useStats } from '@/components/data/stats';
import { useDateBounds } from '@/components/dashboard/DashboardContext';
import { useFilters } from '@/components/dashboard/useFilters';
import { ChartBox, LazyOverTimeChart as OverTimeChart } from '@/components/charts/lazy';
import { OVER_TIME_HEIGHT } from '@/components/charts/chart-sizes';
import { DataTable } from '@/components/charts/DataTable';
import { bucketEnd, bucketLongLabel, pivotOverTime, type OverTimeRow } from '@/components/charts/over-time-data';
import { formatNumber } from '@/components/format';
import { typeLabel } from '@/components/labels';
import { statsView, viewSpanDays } from '@/lib/domain/api';
import { autoBucket, BUCKETS, bucketFits, MAX_SPAN_DAYS, shownBucket, type Bucket } from '@/lib/domain/buckets';
import { Panel } from './Panel';
import { QueryState } from './QueryState';

const BUCKET_TITLE: Record<Bucket, string> = { day: 'Day', week: 'Week', month: 'Month', quarter: 'Quarter', year: 'Year' };

export function OverTimePanel() {
  const { filters, view, setFilters, setView } = useFilters();
  const bounds = useDateBounds();
  const from = filters.from ?? bounds.first;
  const to = filters.to ?? bounds.last;
  const days = viewSpanDays(filters, bounds);
  // A bucket too fine for the range gives way to the automatic one (and says so below); the
  // chart is asked for what it shows.
  const shown = shownBucket(view.bucket, days);
  const asked = statsView('over-time', view, filters, bounds);
  const query = useStats('over-time', filters, asked);
  // The axis spans the whole range asked for (or the whole corpus), quiet days included.
  const pivot = useMemo(
    () => (query.data ? { ...pivotOverTime(query.data.series, query.data.bucket, { from, to }), bucket: query.data.bucket } : null),
    [query.data, from, to],
  );
  const select = useStableCallback((start: string) => {
    if (!pivot) return;
    const end = bucketEnd(start, pivot.bucket);
    // Stay inside a range already chosen: a click narrows, it never widens. The bars of the
    // narrower range are chosen for it again: a bucket chosen for the wider one would be one bar.
    setFilters({ ...filters, from: filters.from && filters.from > start ? filters.from : start, to: filters.to && filters.to < end ? filters.to : end }, { ...view, bucket: undefined });
  });
  const title = `${filters.type.length ? 'Events' : 'Contacts'} over time${pivot ? ` · per ${pivot.bucket}` : ''}`;
  const auto = days === null ? null : autoBucket(days);
  const refused = view.bucket && shown.auto ? view.bucket : null;

  const bucketSwitch = (
    <div role="group" aria-label="Bars per" className="tabs" data-testid="bucket-switch">
      <button
        type="button"
        className="tab"
        aria-pressed={!view.bucket}
        data-bucket="auto"
        title={auto ? `The bars that suit the range: per ${auto}` : 'The bars that suit the range'}
        onClick={() => setView({ bucket: undefined })}
      >
        Auto
      </button>
      {BUCKETS.map((b) => {
        const fits = days === null || bucketFits(b, days);
        return (
          <button
            key={b}
            type="button"
            className={`tab${shown.auto && shown.bucket === b ? ' is-auto' : ''}`}
            aria-pressed={view.bucket === b}
            data-bucket={b}
            disabled={!fits}
            title={fits ? `One bar per ${b}${shown.auto && shown.bucket === b ? ' (the automatic choice for this range)' : ''}` : `${BUCKET_TITLE[b]} bars cover at most ${formatNumber(MAX_SPAN_DAYS[b])} days: narrow the dates`}
            onClick={() => setView({ bucket: b })}
          >
            {BUCKET_TITLE[b]}
          </button>
        );
      })}
    </div>
  );

  return (
    <Panel
      title={title}
      testId="chart-over-time"
      className="span-over-time"
      picture="over-time"
      pictureView={asked}
      actions={bucketSwitch}
      table={
        pivot ? (
          <DataTable<OverTimeRow>
            caption={`Events per ${pivot.bucket} and type`}
            rows={pivot.rows}
            rowKey={(r) => r.bucket}
            columns={[
              { header: BUCKET_TITLE[pivot.bucket], cell: (r) => bucketLongLabel(r.bucket, pivot.bucket) },
              ...pivot.types.map((t) => ({ header: typeLabel(t), cell: (r: OverTimeRow) => Number(r[t]), numeric: true })),
              { header: 'Total', cell: (r) => r.total, numeric: true },
            ]}
          />
        ) : null
      }
    >
      {refused && days !== null && (
        <p className="muted small" role="status" data-testid="bucket-refused">
          {`${BUCKET_TITLE[refused]} bars cover at most ${formatNumber(MAX_SPAN_DAYS[refused])} days and this range has ${formatNumber(days)}: per ${shown.bucket} instead.`}
        </p>
      )}
      <QueryState query={query} what="contacts over time" minHeight={220} isEmpty={(d) => d.series.length === 0} empty="No dated events match these filters.">
        {() =>
          pivot ? (
            <div data-testid="over-time-bars" data-bucket={pivot.bucket} data-bars={pivot.rows.length}>
              <ChartBox height={OVER_TIME_HEIGHT}>
                <OverTimeChart rows={pivot.rows} types={pivot.types} bucket={pivot.bucket} onSelect={select} />
              </ChartBox>
            </div>
          ) : null
        }
      </QueryState>
    </Panel>
  );
}
