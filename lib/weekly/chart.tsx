// The dashboard's charts as pictures, drawn on the server from their data by the same renderer as
// the weekly card (satori and resvg): the same at every download, in the theme asked for, without
// the page's buttons, and with a caption that says what the picture shows (the filters in words,
// the dates, the channels) and where it comes from.
import type { CodeCount, MatrixCell, OverTime } from '@/lib/domain/api';
import { bucketLabel, bucketStart, MAX_BARS, nextBucket, yearTicks } from '@/lib/domain/buckets';
import { formatRange } from '@/lib/domain/calendar';
import { eventTypeColor, eventTypeLabel } from '@/lib/domain/events';
import { countryName } from '@/lib/domain/geo';
import { orgLabel, topicLabel } from '@/lib/domain/labels';
import { seqColor, seqStep } from '@/lib/domain/scale';
import { formatNumber } from '@/lib/domain/words';
import { FAMILY, printable, renderPng } from './card';
import { worldMapSvg } from './map-svg';

export { CHART_NAMES, type ChartName } from '@/lib/domain/api';
export type Theme = 'light' | 'dark';

export const CHART_SIZE = { width: 1200, height: 675 } as const;

/** The colours of the dashboard's light and dark themes (app/globals.css), for pictures. */
export const PALETTES: Record<Theme, { bg: string; ink: string; muted: string; grid: string; accent: string; empty: string; stroke: string }> = {
  light: { bg: '#ffffff', ink: '#1b1f24', muted: '#5b6470', grid: '#dde1e6', accent: '#1f5fbf', empty: '#e6e8eb', stroke: '#ffffff' },
  dark: { bg: '#1a1f25', ink: '#e6e9ed', muted: '#9aa4af', grid: '#2e353e', accent: '#6ea8ff', empty: '#2e353e', stroke: '#1a1f25' },
};

export type ChartData =
  | { kind: 'bars'; rows: { label: string; count: number }[] }
  | { kind: 'map'; countries: CodeCount[]; organizations: CodeCount[] }
  | { kind: 'over-time'; overTime: OverTime }
  | { kind: 'matrix'; cells: MatrixCell[] };

export interface ChartPicture {
  title: string;
  data: ChartData;
  /** The filters but the dates, in words ("Venezuela · Meeting", or "all"). */
  filters: string;
  /** The dates the picture covers, when known. */
  range: { from: string | null; to: string | null };
  channels: string[];
}

/** The words under every picture: what, when, from where, and by what. */
export function captionOf(p: Pick<ChartPicture, 'filters' | 'range' | 'channels'>): string {
  const dates = p.range.from && p.range.to ? formatRange(p.range.from, p.range.to) : 'all dates';
  const source = p.channels.length ? p.channels.map((c) => `@${c}`).join(', ') : 'no channel';
  return `Filters: ${p.filters} · ${dates} · Source: ${source} (Telegram) · Sidelines`;
}

/** The rows of a bar chart of counts per code, named. */
export function barRows(name: 'countries' | 'organizations' | 'topics', counts: CodeCount[]): { label: string; count: number }[] {
  const label = { countries: countryName, organizations: (c: string) => orgLabel(c).en, topics: (c: string) => topicLabel(c).en }[name];
  return counts.map((c) => ({ label: label(c.code), count: c.count }));
}

const BAR_ROWS = 14;

function Bars({ rows, theme }: { rows: { label: string; count: number }[]; theme: Theme }) {
  const c = PALETTES[theme];
  const shown = rows.slice(0, rows.length > BAR_ROWS ? BAR_ROWS - 1 : BAR_ROWS);
  const max = Math.max(1, ...shown.map((r) => r.count));
  if (!rows.length) return <Empty theme={theme} />;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', flex: 1 }}>
      {shown.map((r) => (
        <div key={r.label} style={{ display: 'flex', alignItems: 'center', height: 30, marginTop: 4 }}>
          {/* Labels are given their own column and wrap to it: never cut at an edge. */}
          <div style={{ display: 'flex', width: 330, justifyContent: 'flex-end', paddingRight: 12, fontSize: 18, color: c.ink, overflow: 'hidden' }}>
            {printable(r.label).slice(0, 38)}
          </div>
          <div style={{ display: 'flex', width: Math.max(2, Math.round((r.count / max) * 680)), height: 22, background: c.accent, borderRadius: 3 }} />
          <div style={{ display: 'flex', marginLeft: 8, fontSize: 17, color: c.muted }}>{formatNumber(r.count)}</div>
        </div>
      ))}
      {rows.length > shown.length && <div style={{ display: 'flex', marginTop: 6, marginLeft: 342, fontSize: 17, color: c.muted }}>{`+${rows.length - shown.length} more`}</div>}
    </div>
  );
}

function MapChart({ countries, organizations, theme }: { countries: CodeCount[]; organizations: CodeCount[]; theme: Theme }) {
  const c = PALETTES[theme];
  const svg = worldMapSvg(new Map(countries.map((x) => [x.code, x.count])), 1128, 460, { empty: c.empty, stroke: c.stroke, theme });
  const orgs = organizations.slice(0, 8);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', flex: 1 }}>
      {/* eslint-disable-next-line @next/next/no-img-element -- drawn by satori, not a page */}
      <img src={`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`} width={1128} height={460} alt="" />
      <div style={{ display: 'flex', flexWrap: 'wrap', marginTop: 8, fontSize: 17, color: c.muted }}>
        {orgs.length ? `Organisations: ${orgs.map((o) => `${o.code} ${o.count}`).join(' · ')}${organizations.length > orgs.length ? ` · +${organizations.length - orgs.length} more` : ''}` : 'No counterpart organisations'}
      </div>
    </div>
  );
}

/**
 * The buckets of the over-time picture: every one of the range shown (the dates asked for, or all
 * the data's), as the dashboard's axis has them, the empty ones too: the gaps are part of the story.
 */
export function overTimeBuckets(overTime: OverTime, range: ChartPicture['range']): string[] {
  const known = [...new Set(overTime.series.map((s) => s.bucket))].sort();
  if (known.length === 0) return [];
  const from = range.from ? bucketStart(range.from, overTime.bucket) : known[0]!;
  const to = range.to ? bucketStart(range.to, overTime.bucket) : known[known.length - 1]!;
  const first = from < known[0]! ? from : known[0]!;
  const last = to > known[known.length - 1]! ? to : known[known.length - 1]!;
  const buckets: string[] = [];
  for (let b = first; b <= last && buckets.length < MAX_BARS; b = nextBucket(b, overTime.bucket)) buckets.push(b);
  return buckets;
}

function OverTimeChart({ overTime, range, theme }: { overTime: OverTime; range: ChartPicture['range']; theme: Theme }) {
  const c = PALETTES[theme];
  const buckets = overTimeBuckets(overTime, range);
  if (buckets.length === 0) return <Empty theme={theme} />;
  const types = [...new Set(overTime.series.map((s) => s.type))];
  const by = new Map(overTime.series.map((s) => [`${s.bucket}|${s.type}`, s.count]));
  const totals = buckets.map((b) => types.reduce((n, t) => n + (by.get(`${b}|${t}`) ?? 0), 0));
  const max = Math.max(1, ...totals);
  const plotW = 1060;
  const plotH = 400;
  const slot = plotW / buckets.length;
  const barW = Math.max(1, Math.min(48, slot * 0.7));
  // Months over years, quarters and years are labelled at the years; else a label under every
  // k-th bar, at most seven.
  const years = yearTicks(buckets, overTime.bucket);
  const ticked = years ? new Set(years) : null;
  const every = Math.ceil(buckets.length / 7);
  const label = (b: string, i: number) => (ticked ? (ticked.has(b) ? b.slice(0, 4) : '') : i % every === 0 ? bucketLabel(b, overTime.bucket) : '');
  return (
    <div style={{ display: 'flex', flexDirection: 'column', flex: 1 }}>
      <div style={{ display: 'flex', fontSize: 16, color: c.muted }}>
        {types.map((t) => (
          <div key={t} style={{ display: 'flex', alignItems: 'center', marginRight: 18 }}>
            <div style={{ display: 'flex', width: 12, height: 12, background: eventTypeColor(t), marginRight: 6 }} />
            {eventTypeLabel(t)}
          </div>
        ))}
        <div style={{ display: 'flex', marginLeft: 'auto' }}>{`per ${overTime.bucket} · highest ${formatNumber(max)}`}</div>
      </div>
      <div style={{ display: 'flex', alignItems: 'flex-end', height: plotH, marginTop: 10, borderBottom: `1px solid ${c.grid}`, paddingLeft: 40 }}>
        {buckets.map((b) => (
          <div key={b} style={{ display: 'flex', flexDirection: 'column-reverse', width: slot, alignItems: 'center' }}>
            {types.map((t) => {
              const n = by.get(`${b}|${t}`) ?? 0;
              return n ? <div key={t} style={{ display: 'flex', width: barW, height: Math.max(1, Math.round((n / max) * (plotH - 10))), background: eventTypeColor(t) }} /> : null;
            })}
          </div>
        ))}
      </div>
      <div style={{ display: 'flex', marginTop: 6, paddingLeft: 40, fontSize: 15, color: c.muted }}>
        {buckets.map((b, i) => (
          <div key={b} style={{ display: 'flex', width: slot, justifyContent: 'center', overflow: 'visible', whiteSpace: 'nowrap' }}>
            {label(b, i)}
          </div>
        ))}
      </div>
    </div>
  );
}

function Matrix({ cells, theme }: { cells: MatrixCell[]; theme: Theme }) {
  const c = PALETTES[theme];
  if (!cells.length) return <Empty theme={theme} />;
  const countryTotals = new Map<string, number>();
  const topicTotals = new Map<string, number>();
  for (const x of cells) {
    countryTotals.set(x.country, (countryTotals.get(x.country) ?? 0) + x.count);
    topicTotals.set(x.topic, (topicTotals.get(x.topic) ?? 0) + x.count);
  }
  const rank = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n).map(([k]) => k);
  const countries = rank(countryTotals, 12);
  const topics = rank(topicTotals, 8);
  const by = new Map(cells.map((x) => [`${x.country}|${x.topic}`, x.count]));
  const max = Math.max(1, ...cells.map((x) => x.count));
  const cellW = 100;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', flex: 1, fontSize: 15 }}>
      <div style={{ display: 'flex', marginLeft: 200 }}>
        {topics.map((t) => (
          <div key={t} style={{ display: 'flex', width: cellW - 4, marginRight: 4, height: 44, alignItems: 'flex-end', color: c.muted, fontSize: 13, overflow: 'hidden' }}>
            {printable(topicLabel(t).en).slice(0, 30)}
          </div>
        ))}
      </div>
      {countries.map((country) => (
        <div key={country} style={{ display: 'flex', alignItems: 'center', height: 32 }}>
          <div style={{ display: 'flex', width: 200, justifyContent: 'flex-end', paddingRight: 10, color: c.ink }}>{printable(countryName(country))}</div>
          {topics.map((t) => {
            const n = by.get(`${country}|${t}`) ?? 0;
            const bg = seqColor(n, max, theme) || c.empty;
            // As on the dashboard (--seq-text-N): the dark steps take light text, the light ones dark.
            const step = seqStep(n, max);
            const ink = theme === 'light' ? (step >= 4 ? '#ffffff' : c.ink) : step >= 3 ? '#0d1117' : c.ink;
            return (
              <div key={t} style={{ display: 'flex', width: cellW - 4, height: 28, marginRight: 4, background: bg, alignItems: 'center', justifyContent: 'center', color: ink }}>
                {n ? String(n) : ''}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}

function Empty({ theme }: { theme: Theme }) {
  return <div style={{ display: 'flex', flex: 1, alignItems: 'center', justifyContent: 'center', fontSize: 26, color: PALETTES[theme].muted }}>No events under these filters.</div>;
}

export function ChartCard({ p, theme }: { p: ChartPicture; theme: Theme }) {
  const c = PALETTES[theme];
  const d = p.data;
  return (
    <div style={{ width: CHART_SIZE.width, height: CHART_SIZE.height, display: 'flex', flexDirection: 'column', background: c.bg, color: c.ink, fontFamily: FAMILY, padding: 36, boxSizing: 'border-box', overflow: 'hidden', lineHeight: 1.2 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', marginBottom: 16 }}>
        <div style={{ display: 'flex', fontSize: 28, fontWeight: 700 }}>{printable(p.title)}</div>
        <div style={{ display: 'flex', fontSize: 22, fontWeight: 700, color: c.accent }}>Sidelines</div>
      </div>
      {d.kind === 'bars' && <Bars rows={d.rows} theme={theme} />}
      {d.kind === 'map' && <MapChart countries={d.countries} organizations={d.organizations} theme={theme} />}
      {d.kind === 'over-time' && <OverTimeChart overTime={d.overTime} range={p.range} theme={theme} />}
      {d.kind === 'matrix' && <Matrix cells={d.cells} theme={theme} />}
      <div style={{ display: 'flex', marginTop: 'auto', paddingTop: 10, borderTop: `1px solid ${c.grid}`, fontSize: 15, color: c.muted }}>{printable(captionOf(p)).slice(0, 170)}</div>
    </div>
  );
}

export function renderChartPng(p: ChartPicture, theme: Theme): Promise<Buffer> {
  return renderPng(<ChartCard p={p} theme={theme} />, CHART_SIZE.width, CHART_SIZE.height);
}
