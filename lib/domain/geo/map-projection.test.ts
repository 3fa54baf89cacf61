import fs from 'node:fs';
import { geoNaturalEarth1, geoPath, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, test } from 'vitest';
import { codeOfShape } from './index';
import {
  LAND_EXTENT,
  MAP_CENTRAL_MERIDIAN,
  MAP_HEIGHT,
  MAP_WIDTH,
  clampView,
  drawnShapes,
  frameBounds,
  frameCountries,
  homeView,
  mapHeightFor,
  mapProjection,
  shapeBounds,
  type Bounds,
  type MapView,
} from './map-projection';

type Shape = Feature<Geometry, { name?: string }> & { id?: string };

const topo = JSON.parse(fs.readFileSync('public/maps/countries-110m.json', 'utf8')) as Topology<{ countries: GeometryCollection<{ name?: string }> }>;
const atlas = feature(topo, topo.objects.countries).features as Shape[];
const shapes = drawnShapes(atlas);
const land: FeatureCollection = { type: 'FeatureCollection', features: shapes };

function shapeOf(code: string): Shape {
  const s = shapes.find((x) => codeOfShape(x.id, x.properties?.name) === code);
  if (!s) throw new Error(`no shape for ${code}`);
  return s;
}

function landBounds(projection: GeoProjection): Bounds {
  return geoPath(projection).bounds(land) as Bounds;
}

/** The box the view shows, in map units. */
function viewBox(v: MapView, width = MAP_WIDTH, height = MAP_HEIGHT): Bounds {
  return [
    [v.x - width / (2 * v.k), v.y - height / (2 * v.k)],
    [v.x + width / (2 * v.k), v.y + height / (2 * v.k)],
  ];
}

function contains(outer: Bounds, inner: Bounds, slack = 1e-6): boolean {
  return inner[0][0] >= outer[0][0] - slack && inner[0][1] >= outer[0][1] - slack && inner[1][0] <= outer[1][0] + slack && inner[1][1] <= outer[1][1] + slack;
}

describe('the fitted projection', () => {
  test('Antarctica is the one shape left out', () => {
    expect(atlas.length - shapes.length).toBe(1);
    expect(atlas.find((s) => !shapes.includes(s))?.properties?.name).toBe('Antarctica');
  });

  test("fitting to the four extreme points is fitting to the atlas's drawn land", () => {
    const base = () => geoNaturalEarth1().rotate([-MAP_CENTRAL_MERIDIAN, 0]);
    const box: [[number, number], [number, number]] = [
      [4, 4],
      [796, 371],
    ];
    const byLand = base().fitExtent(box, land);
    const byPoints = base().fitExtent(box, LAND_EXTENT);
    expect(byPoints.scale() / byLand.scale()).toBeCloseTo(1, 5);
    expect(byPoints.translate()[0]).toBeCloseTo(byLand.translate()[0], 2);
    expect(byPoints.translate()[1]).toBeCloseTo(byLand.translate()[1], 2);
  });

  test.each([
    ['the dashboard', MAP_WIDTH, MAP_HEIGHT],
    ['the chart picture', 1128, 460],
    ['the weekly card', 640, 300],
    ['the square card', 1000, 340],
  ])('in %s (%i × %i) the land is all inside the box, fills it across and is centred', (_, width, height) => {
    const [[x0, y0], [x1, y1]] = landBounds(mapProjection(width, height));
    expect(contains([[0, 0], [width, height]], [[x0, y0], [x1, y1]])).toBe(true);
    // It touches two opposite sides (less a thin margin) and sits midway between the other two.
    const across = (x1 - x0) / width;
    const down = (y1 - y0) / height;
    expect(Math.max(across, down)).toBeGreaterThanOrEqual(0.97);
    expect((x0 + x1) / 2).toBeCloseTo(width / 2, 0);
    expect((y0 + y1) / 2).toBeCloseTo(height / 2, 0);
  });

  test("the dashboard's box has the land's own shape: the land fills at least 95% of its width and of its height", () => {
    expect(MAP_HEIGHT).toBe(mapHeightFor(MAP_WIDTH));
    const [[x0, y0], [x1, y1]] = landBounds(mapProjection());
    expect((x1 - x0) / MAP_WIDTH).toBeGreaterThanOrEqual(0.95);
    expect((y1 - y0) / MAP_HEIGHT).toBeGreaterThanOrEqual(0.95);
  });

  test('the far north is whole and inside the box: Greenland at 83.6°N, Svalbard, Franz Josef Land, the Canadian islands', () => {
    const p = mapProjection();
    const north = p([-35.09, 83.64]);
    expect(north?.[1]).toBeGreaterThanOrEqual(0);
    for (const code of ['GL', 'NO', 'RU', 'CA']) {
      const b = geoPath(p).bounds(shapeOf(code));
      expect(b[0][1], code).toBeGreaterThanOrEqual(0);
    }
    // Not squashed: Greenland is at least half as tall as it is wide on the map.
    const [[gx0, gy0], [gx1, gy1]] = geoPath(p).bounds(shapeOf('GL'));
    expect((gy1 - gy0) / (gx1 - gx0)).toBeGreaterThan(0.5);
    // And the south down to Tierra del Fuego (55.6°S) too.
    expect(p([-68.15, -55.61])?.[1]).toBeLessThanOrEqual(MAP_HEIGHT);
  });

  test("the map's edge runs through the Bering Strait: Russia and Fiji are whole", () => {
    const p = mapProjection();
    for (const code of ['RU', 'FJ']) {
      const [[x0], [x1]] = geoPath(p).bounds(shapeOf(code));
      expect(x1 - x0, code).toBeLessThan(MAP_WIDTH / 2);
    }
  });
});

describe('zooming to the selected countries', () => {
  const p = mapProjection();

  test('nothing selected, or nothing with a shape (Singapore is too small for the atlas), is the whole map', () => {
    expect(frameCountries(shapes, new Set(), p)).toEqual(homeView());
    expect(frameCountries(shapes, new Set(['SG']), p)).toEqual(homeView());
    expect(homeView()).toEqual({ x: MAP_WIDTH / 2, y: MAP_HEIGHT / 2, k: 1 });
  });

  test('one country is centred and framed with room around it', () => {
    const v = frameCountries(shapes, new Set(['BR']), p);
    const b = shapeBounds(shapeOf('BR'), p)!;
    expect(v.k).toBeGreaterThan(2);
    expect(v.x).toBeCloseTo((b[0][0] + b[1][0]) / 2, 6);
    expect(v.y).toBeCloseTo((b[0][1] + b[1][1]) / 2, 6);
    expect(contains(viewBox(v), b)).toBe(true);
    // The padding: the country takes 80% of the box in its longer direction.
    const [[x0, y0], [x1, y1]] = b;
    expect(Math.max(((x1 - x0) * v.k) / MAP_WIDTH, ((y1 - y0) * v.k) / MAP_HEIGHT)).toBeCloseTo(0.8, 6);
  });

  test('several countries are framed together', () => {
    const v = frameCountries(shapes, new Set(['JO', 'YE', 'VE']), p);
    for (const code of ['JO', 'YE', 'VE']) expect(contains(viewBox(v), shapeBounds(shapeOf(code), p)!), code).toBe(true);
    expect(v.k).toBeGreaterThan(1);
    expect(v.k).toBeLessThan(frameCountries(shapes, new Set(['VE']), p).k);
  });

  test('a tiny state is shown at the capped zoom, with its neighbours', () => {
    expect(frameCountries(shapes, new Set(['LB']), p).k).toBe(8);
    // Venezuela too is small enough to meet the cap: it is centred, with its neighbours around it.
    const ve = frameCountries(shapes, new Set(['VE']), p);
    expect(ve.k).toBe(8);
    expect(contains(viewBox(ve), shapeBounds(shapeOf('VE'), p)!)).toBe(true);
    expect(frameCountries(shapes, new Set(['LB']), p, MAP_WIDTH, MAP_HEIGHT, { maxZoom: 4 }).k).toBe(4);
  });

  test('a country the size of Russia is barely zoomed; the United States are framed without the island across the antimeridian', () => {
    const ru = frameCountries(shapes, new Set(['RU']), p);
    expect(ru.k).toBeGreaterThanOrEqual(1);
    expect(ru.k).toBeLessThan(2.5);
    const us = shapeBounds(shapeOf('US'), p)!;
    expect(us[1][0] - us[0][0]).toBeLessThan(MAP_WIDTH / 2);
    expect(frameCountries(shapes, new Set(['US']), p).k).toBeGreaterThan(1.5);
    // France is framed with French Guiana, which the atlas draws as part of it.
    const fr = shapeBounds(shapeOf('FR'), p)!;
    expect(p([-53, 4])![0]).toBeGreaterThan(fr[0][0]);
  });

  test('a country at the edge of the map is framed without showing beyond the edge', () => {
    const v = frameCountries(shapes, new Set(['NZ']), p);
    const seen = viewBox(v);
    expect(contains([[0, 0], [MAP_WIDTH, MAP_HEIGHT]], seen)).toBe(true);
    expect(contains(seen, shapeBounds(shapeOf('NZ'), p)!)).toBe(true);
  });

  test('a view is kept on the map whatever the zoom, and never zoomed out past the whole map', () => {
    expect(clampView({ x: -100, y: 1000, k: 2 })).toEqual({ x: MAP_WIDTH / 4, y: MAP_HEIGHT * 0.75, k: 2 });
    expect(clampView({ x: 10, y: 10, k: 0.5 })).toEqual(homeView());
    expect(frameBounds(null)).toEqual(homeView());
    // A point: zoomed to the cap, not to infinity.
    expect(frameBounds([[400, 200], [400, 200]]).k).toBe(8);
  });

  test('every view round-trips through longitude and latitude (the zoom component takes its centre in degrees)', () => {
    for (const v of [homeView(), frameCountries(shapes, new Set(['NZ']), p), frameCountries(shapes, new Set(['US']), p), frameCountries(shapes, new Set(['GL']), p)]) {
      const back = p(p.invert!([v.x, v.y])!)!;
      expect(back[0]).toBeCloseTo(v.x, 6);
      expect(back[1]).toBeCloseTo(v.y, 6);
    }
  });
});
