import { expect, test } from 'vitest';
import { worldMapSvg } from './map-svg';

/** The box the drawn paths take, from their coordinates. */
function extent(svg: string): { x0: number; y0: number; x1: number; y1: number; paths: number } {
  const ds = [...svg.matchAll(/ d="([^"]+)"/g)].map((m) => m[1]!);
  const out = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity, paths: ds.length };
  for (const d of ds) {
    for (const [, x, y] of d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)) {
      out.x0 = Math.min(out.x0, Number(x));
      out.x1 = Math.max(out.x1, Number(x));
      out.y0 = Math.min(out.y0, Number(y));
      out.y1 = Math.max(out.y1, Number(y));
    }
  }
  return out;
}

test.each([
  [1128, 460],
  [640, 300],
  [1000, 340],
])('the picture at %i × %i draws the land fitted to its box: all inside, filling it one way, centred the other', (width, height) => {
  const svg = worldMapSvg(new Map([['VE', 2]]), width, height, { empty: '#eeeeee', stroke: '#ffffff' });
  expect(svg).toContain(`viewBox="0 0 ${width} ${height}"`);
  const e = extent(svg);
  expect(e.paths).toBeGreaterThan(150);
  expect(e.x0).toBeGreaterThanOrEqual(0);
  expect(e.y0).toBeGreaterThanOrEqual(0);
  expect(e.x1).toBeLessThanOrEqual(width);
  expect(e.y1).toBeLessThanOrEqual(height);
  expect(Math.max((e.x1 - e.x0) / width, (e.y1 - e.y0) / height)).toBeGreaterThanOrEqual(0.97);
  expect((e.x0 + e.x1) / 2).toBeCloseTo(width / 2, -1);
  expect((e.y0 + e.y1) / 2).toBeCloseTo(height / 2, -1);
});
