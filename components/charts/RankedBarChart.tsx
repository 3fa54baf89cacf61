'use client';

import { Bar, BarChart, LabelList, Tooltip, XAxis, YAxis, type TooltipContentProps, type YAxisTickContentProps } from 'recharts';
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
}

const MAX_LABEL = 22;

function short(s: string): string {
  return s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s;
}

/** Horizontal bars, largest first; a click on a bar (or its label) filters to it. */
export function RankedBarChart({ rows, unit, onSelect, labelWidth = 170 }: RankedBarChartProps) {
  const data = rows.map((r) => ({ ...r, label: `${r.flag ? `${r.flag} ` : ''}${short(r.name)}` }));
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
    <BarChart
      layout="vertical"
      data={data}
      responsive
      style={{ width: '100%', height }}
      margin={{ top: 4, right: 36, bottom: 4, left: 4 }}
      barCategoryGap={4}
      accessibilityLayer
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
        <LabelList dataKey="count" position="right" className="chart-value" formatter={(v) => formatNumber(Number(v))} />
      </Bar>
    </BarChart>
  );
}

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
