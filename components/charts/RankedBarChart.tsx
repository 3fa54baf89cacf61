'use client';

import { memo, useState, type KeyboardEvent } from 'react';
import { Bar, BarChart, Cell, LabelList, Tooltip, XAxis, YAxis, type TooltipContentProps, type YAxisTickContentProps } from 'recharts';
import { formatNumber, plural } from '@/components/format';
import { rankedHeight } from './chart-sizes';

export interface RankedRow {
  key: string;
  name: string;
  /** Shown on hover: the Russian name, a full name. */
  title: string;
  flag?: string;
  count: number;
}

interface RankedBarChartProps {
  rows: RankedRow[];
  /** What a bar counts, for the tooltip: "contact". */
  unit: string;
  onSelect: (key: string) => void;
  /** Width of the label column, px. */
  labelWidth?: number;
  /** What the chart shows, for screen readers: "Contacts per counterpart country". */
  label?: string;
}

const MAX_LABEL = 22;

function short(s: string): string {
  return s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s;
}

/**
 * Horizontal bars, largest first; a click on a bar (or its label) filters to it. From the
 * keyboard the chart is one tab stop: the arrows (and Home, End) move along the bars, Enter or
 * Space filters to the one reached.
 */
export const RankedBarChart = memo(function RankedBarChart({ rows, unit, onSelect, labelWidth = 170, label = 'Bar chart' }: RankedBarChartProps) {
  const [active, setActive] = useState<number | null>(null);
  const data = rows.map((r) => ({ ...r, label: `${r.flag ? `${r.flag} ` : ''}${short(r.name)}` }));
  const current = active === null ? undefined : data[Math.min(active, data.length - 1)];
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!data.length) return;
    const last = data.length - 1;
    const move: Record<string, (a: number | null) => number> = {
      ArrowDown: (a) => (a === null ? 0 : Math.min(last, a + 1)),
      ArrowRight: (a) => (a === null ? 0 : Math.min(last, a + 1)),
      ArrowUp: (a) => (a === null ? 0 : Math.max(0, a - 1)),
      ArrowLeft: (a) => (a === null ? 0 : Math.max(0, a - 1)),
      Home: () => 0,
      End: () => last,
    };
    const step = move[e.key];
    if (step) {
      e.preventDefault();
      setActive(step);
    } else if ((e.key === 'Enter' || e.key === ' ') && current) {
      e.preventDefault();
      onSelect(current.key);
    }
  };
  const byLabel = new Map(data.map((d) => [d.label, d]));
  const height = rankedHeight(data.length);

  const tick = ({ x, y, payload }: YAxisTickContentProps) => {
    const row = byLabel.get(String(payload.value));
    return (
      <text
        x={Number(x) - 6}
        y={Number(y)}
        dy="0.35em"
        textAnchor="end"
        className="chart-tick chart-tick-link"
        onClick={row ? () => onSelect(row.key) : undefined}
      >
        <title>{row ? `${row.title} — click to filter` : ''}</title>
        {String(payload.value)}
      </text>
    );
  };

  return (
    <div
      className="ranked-chart"
      tabIndex={0}
      role="group"
      aria-label={`${label}: arrow keys move along the bars, Enter filters to one`}
      data-testid="ranked-chart"
      data-active={current?.key ?? ''}
      onKeyDown={onKeyDown}
      onBlur={() => setActive(null)}
    >
      <span className="sr-only" aria-live="polite">
        {current ? `${current.name}: ${plural(current.count, unit)}. Enter to filter.` : ''}
      </span>
    <BarChart
      layout="vertical"
      data={data}
      responsive
      style={{ width: '100%', height }}
      margin={{ top: 4, right: 36, bottom: 4, left: 4 }}
      barCategoryGap={4}
      // The wrapper is the one tab stop and handles the keys; the chart's own layer would be a second.
      accessibilityLayer={false}
    >
      <XAxis type="number" hide allowDecimals={false} domain={[0, 'dataMax']} />
      <YAxis type="category" dataKey="label" width={labelWidth} tickLine={false} axisLine={false} interval={0} tick={tick} />
      <Tooltip cursor={{ className: 'chart-cursor' }} content={(p: TooltipContentProps) => <RankTip {...p} unit={unit} byLabel={byLabel} />} />
      <Bar
        dataKey="count"
        fill="var(--accent)"
        isAnimationActive={false}
        cursor="pointer"
        radius={[0, 3, 3, 0]}
        onClick={(item) => {
          const key = (item.payload as RankedRow | undefined)?.key;
          if (key) onSelect(key);
        }}
      >
        {data.map((d) => (
          <Cell key={d.key} fill={d.key === current?.key ? 'var(--seq-5)' : 'var(--accent)'} />
        ))}
        <LabelList dataKey="count" position="right" className="chart-value" formatter={(v) => formatNumber(Number(v))} />
      </Bar>
    </BarChart>
    </div>
  );
});

function RankTip({ active, label, unit, byLabel }: TooltipContentProps & { unit: string; byLabel: Map<string, RankedRow> }) {
  const row = label === undefined ? undefined : byLabel.get(String(label));
  if (!active || !row) return null;
  return (
    <div className="chart-tip">
      <div className="chart-tip-title">
        {row.flag ? `${row.flag} ` : ''}
        {row.name}
      </div>
      <div className="muted">{row.title}</div>
      <div className="num">{plural(row.count, unit)}</div>
      <div className="muted small">Click to filter</div>
    </div>
  );
}
