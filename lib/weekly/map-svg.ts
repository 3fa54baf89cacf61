// The world map as an SVG string, for pictures rendered without a browser (the weekly PNG):
// the same vendored TopoJSON, shape → country policy and fitted projection as the dashboard's map.
import fs from 'node:fs';
import path from 'node:path';
import { geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';
import { codeOfShape } from '@/lib/domain/geo';
import { drawnShapes, mapProjection } from '@/lib/domain/geo/map-projection';
import { seqColor } from '@/lib/domain/scale';

type Shape = Feature<Geometry, { name?: string }> & { id?: string | number };

let shapes: Shape[] | null = null;

function loadShapes(): Shape[] {
  if (!shapes) {
    const file = path.join(process.cwd(), 'public/maps/countries-110m.json');
    const topo = JSON.parse(fs.readFileSync(file, 'utf8')) as Topology<{ countries: GeometryCollection<{ name?: string }> }>;
    shapes = drawnShapes(feature(topo, topo.objects.countries).features as Shape[]);
  }
  return shapes;
}

export interface MapColors {
  empty: string;
  stroke: string;
  theme?: 'light' | 'dark';
}

/** Each shape's country and path at one size: projected once, then only coloured per picture. */
const drawn = new Map<string, { code: string | undefined; d: string }[]>();

function drawShapes(width: number, height: number): { code: string | undefined; d: string }[] {
  const key = `${width}x${height}`;
  let out = drawn.get(key);
  if (!out) {
    const all = loadShapes();
    // Fitted to the drawn land: it touches two opposite sides of the box and is centred between the others.
    const projection = mapProjection(width, height);
    // A tenth of a pixel is finer than the card shows, and a fifth of the characters to paint.
    const draw = geoPath(projection).digits(1);
    out = all.map((s) => ({ code: codeOfShape(s.id, s.properties?.name), d: draw(s) ?? '' })).filter((s) => s.d);
    drawn.set(key, out);
  }
  return out;
}

export function worldMapSvg(counts: Map<string, number>, width: number, height: number, colors: MapColors): string {
  const max = Math.max(0, ...counts.values());
  const paths = drawShapes(width, height)
    .map(({ code, d }) => {
      const count = code ? (counts.get(code) ?? 0) : 0;
      // The dashboard's scale (lib/domain/scale.ts): a count is the same step on the card as on the map.
      const fill = seqColor(count, max, colors.theme) || colors.empty;
      return `<path d="${d}" fill="${fill}" stroke="${colors.stroke}" stroke-width="0.5"/>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${paths}</svg>`;
}
