'use client';

import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { Bucket } from '@/components/data/stats';
import { plural } from '@/components/format';
import { typeColor, typeLabel } from '@/components/labels';
import { OVER_TIME_HEIGHT } from './chart-sizes';
import { bucketLabel, bucketLongLabel, yearTicks, type OverTimeRow } from './over-time-data';

interface OverTimeChartProps {
  rows: OverTimeRow[];
  types: string[];
  bucket: Bucket;
  /** A click on a bar narrows the dates to its bucket. */
  onSelect: (bucketStart: string) => void;
  height?: number;
}

/** Contacts per day, week, month, quarter or year, stacked by event type in the type colours. */
export const OverTimeChart = memo(function OverTimeChart({ rows, types, bucket, onSelect, height = OVER_TIME_HEIGHT }: OverTimeChartProps) {
  // Months over years, quarters and years are read by the year: a tick at each (or every few),
  // not a crowd of "Mar 2019" labels; on a narrow screen the axis leaves out those that collide.
  const ticks = yearTicks(rows.map((r) => r.bucket), bucket);
  return (
    <BarChart data={rows} responsive style={{ width: '100%', height }} margin={{ top: 8, right: 8, bottom: 0, left: -18 }} accessibilityLayer>
      <CartesianGrid vertical={false} stroke="var(--border)" />
      <XAxis
        dataKey="bucket"
        tickFormatter={(v: string) => (ticks ? v.slice(0, 4) : bucketLabel(v, bucket))}
        ticks={ticks ?? undefined}
        tickLine={false}
        stroke="var(--border-strong)"
        tick={{ fill: 'var(--muted)', fontSize: 11 }}
        minTickGap={12}
      />
      <YAxis allowDecimals={false} tickLine={false} axisLine={false} tick={{ fill: 'var(--muted)', fontSize: 11 }} width={48} />
      <Tooltip
        cursor={{ className: 'chart-cursor' }}
        content={(p: TooltipContentProps) => <OverTimeTip {...p} bucket={bucket} types={types} />}
      />
      <Legend
        verticalAlign="top"
        align="right"
        height={24}
        iconType="square"
        iconSize={10}
        formatter={(value: string) => <span className="chart-legend">{typeLabel(value)}</span>}
      />
      {types.map((t, i) => (
        <Bar
          key={t}
          dataKey={t}
          name={t}
          stackId="types"
          fill={typeColor(t)}
          isAnimationActive={false}
          cursor="pointer"
          maxBarSize={48}
          radius={i === types.length - 1 ? [2, 2, 0, 0] : undefined}
          onClick={(item) => {
            const b = (item.payload as OverTimeRow | undefined)?.bucket;
            if (b) onSelect(b);
          }}
        />
      ))}
    </BarChart>
  );
});

function OverTimeTip({ active, label, payload, bucket, types }: TooltipContentProps & { bucket: Bucket; types: string[] }) {
  if (!active || label === undefined || !payload?.length) return null;
  const row = payload[0]?.payload as OverTimeRow | undefined;
  if (!row) return null;
  return (
    <div className="chart-tip">
      <div className="chart-tip-title">{bucketLongLabel(String(label), bucket)}</div>
      <table className="tip-table">
        <tbody>
          {types
            .filter((t) => Number(row[t]) > 0)
            .map((t) => (
              <tr key={t}>
                <td>
                  <span className="swatch" style={{ background: typeColor(t) }} aria-hidden="true" /> {typeLabel(t)}
                </td>
                <td className="num right">{Number(row[t])}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <div className="num">{plural(row.total, 'event')}</div>
      {row.total > 0 && <div className="muted small">Click to narrow the dates</div>}
    </div>
  );
}
