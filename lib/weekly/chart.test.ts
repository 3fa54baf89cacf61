// The charts as pictures: drawn from their data, in either theme, right in their colours, with a
// caption of what they show.
import { describe, expect, test } from 'vitest';
import { EMPTY_FILTERS, parseFilters, type Filters } from '@/lib/domain/filters';
import { SEQ_COLORS, SEQ_COLORS_DARK } from '@/lib/domain/scale';
import { dbKind } from '@/scripts/testing/db';
import { fixtureDb } from '@/scripts/testing/fixture-db';
import { readPng } from '@/scripts/testing/png';
import { captionOf, CHART_NAMES, overTimeBuckets, PALETTES, renderChartPng, type Theme } from './chart';
import { loadChart } from './chart-load';

const luminance = (hex: string) => {
  const n = parseInt(hex.slice(1), 16);
  return 0.2126 * (n >> 16) + 0.7152 * ((n >> 8) & 0xff) + 0.0722 * (n & 0xff);
};
const filters = (q: string): Filters => {
  const p = parseFilters(new URLSearchParams(q));
  if (!p.ok) throw p.error;
  return p.filters;
};

describe(`chart pictures on the ${dbKind} database`, () => {
  const t = fixtureDb();

  test.each(CHART_NAMES.flatMap((n) => (['light', 'dark'] as Theme[]).map((theme) => [n, theme] as const)))('%s in the %s theme: 1200×675, drawn, the background of the theme', async (name, theme) => {
    const png = readPng(await renderChartPng(await loadChart(t.db, name, EMPTY_FILTERS), theme));
    expect(png).toMatchObject({ width: 1200, height: 675 });
    expect(png.colors).toBeGreaterThan(8);
    const [top] = [...png.histogram].sort((a, b) => b[1] - a[1]);
    expect(top?.[0]).toBe(PALETTES[theme].bg);
  });

  test('the map paints the counterpart countries in the scale, never black, in both themes', async () => {
    const chart = await loadChart(t.db, 'map', filters('country=VE'));
    for (const [theme, scale] of [['light', SEQ_COLORS], ['dark', SEQ_COLORS_DARK]] as const) {
      const png = readPng(await renderChartPng(chart, theme));
      // Venezuela, the only one, is the scale's darkest (light) or lightest (dark) step.
      expect(png.histogram.get(scale[4]!) ?? 0).toBeGreaterThan(50);
      expect(png.histogram.get('#000000') ?? 0).toBe(0);
    }
  });

  test('on the dark theme no text is dark: nothing darker than the background, and light text there is', async () => {
    const png = readPng(await renderChartPng(await loadChart(t.db, 'topics', EMPTY_FILTERS), 'dark'));
    const bg = luminance(PALETTES.dark.bg);
    const darker = [...png.histogram].filter(([hex]) => luminance(hex) < bg - 2).reduce((n, [, c]) => n + c, 0);
    expect(darker).toBe(0);
    const light = [...png.histogram].filter(([hex]) => luminance(hex) > 200).reduce((n, [, c]) => n + c, 0);
    expect(light).toBeGreaterThan(1000);
  });

  test('the over-time picture is drawn in the bucket asked for, else in the one that suits the range', async () => {
    const auto = await loadChart(t.db, 'over-time', EMPTY_FILTERS);
    expect(auto.data).toMatchObject({ kind: 'over-time', overTime: { bucket: 'day' } });
    for (const bucket of ['quarter', 'year'] as const) {
      const chart = await loadChart(t.db, 'over-time', EMPTY_FILTERS, { bucket });
      if (chart.data.kind !== 'over-time') throw new Error('not the over-time chart');
      expect(chart.data.overTime.bucket).toBe(bucket);
      expect(new Set(chart.data.overTime.series.map((r) => r.bucket))).toEqual(new Set([bucket === 'quarter' ? '2023-07-01' : '2023-01-01']));
      expect(readPng(await renderChartPng(chart, 'light'))).toMatchObject({ width: 1200, height: 675 });
    }
  });

  test("the over-time picture's axis spans the range shown, quiet buckets at either end too, as the dashboard's does", async () => {
    const chart = await loadChart(t.db, 'over-time', filters('from=2023-09-18&to=2023-09-24'));
    if (chart.data.kind !== 'over-time') throw new Error('not the over-time chart');
    expect(chart.data.overTime.bucket).toBe('day');
    // Contacts on the 20th and 21st only; the week has seven days.
    expect(overTimeBuckets(chart.data.overTime, chart.range)).toEqual(['2023-09-18', '2023-09-19', '2023-09-20', '2023-09-21', '2023-09-22', '2023-09-23', '2023-09-24']);
    // Without dates, the data's own first and last day.
    const all = await loadChart(t.db, 'over-time', EMPTY_FILTERS, { bucket: 'month' });
    if (all.data.kind !== 'over-time') throw new Error('not the over-time chart');
    expect(overTimeBuckets(all.data.overTime, all.range)).toEqual(['2023-08-01', '2023-09-01']);
  });

  test('the caption says the filters, the dates, the channels and Sidelines', async () => {
    const chart = await loadChart(t.db, 'countries', filters('from=2023-09-01&to=2023-09-30&country=VE'));
    expect(chart.title).toBe('Contacts per counterpart country');
    expect(captionOf(chart)).toBe('Filters: Venezuela · 1–30 Sep 2023 · Source: @fixture (Telegram) · Sidelines');
    expect((await loadChart(t.db, 'topics', filters('type=statement'))).title).toBe('Statements per topic');
    expect(captionOf({ filters: 'all', range: { from: null, to: null }, channels: [] })).toBe('Filters: all · all dates · Source: no channel (Telegram) · Sidelines');
  });
});
