// The world map's projection and its zoom, shared by the dashboard's map and the pictures drawn
// on the server so that both show the same world in the same box.
//
// Natural Earth rather than an equal-area projection: it keeps the high north roomy (Greenland,
// Svalbard, the Canadian islands and Siberia are not squashed into a sliver). Its central meridian
// is 11.5°E so that the map's edge runs through the Bering Strait: Chukotka stays with Russia and
// Fiji is whole. It is fitted to the land that is drawn (Antarctica is not), not to the globe, so
// the land fills its box from edge to edge.
import { geoCentroid, geoNaturalEarth1, geoPath, type GeoProjection } from 'd3-geo';
import type { Feature, Geometry, MultiPoint, Polygon, Position } from 'geojson';
import { codeOfShape } from './index';
import { MAP_HEIGHT, MAP_WIDTH } from './map-box';

export { MAP_ASPECT, MAP_HEIGHT, MAP_WIDTH } from './map-box';

/** The world-atlas id of Antarctica, the one shape the map leaves out. */
export const ANTARCTICA_ID = '010';

/** The map's central meridian, in degrees east. */
export const MAP_CENTRAL_MERIDIAN = 11.5;

/**
 * The drawn land's outermost points in this projection (world-atlas 110m): Kauai to the west,
 * Fiji to the east, the tip of Greenland to the north (83.6°N) and Tierra del Fuego to the south
 * (55.6°S). Fitting the projection to them is fitting it to the land; a test holds them to the
 * atlas. Being four points, the fit costs nothing and needs no map file.
 */
export const LAND_EXTENT: MultiPoint = {
  type: 'MultiPoint',
  coordinates: [
    [-159.800198, 22.06477],
    [-179.794798, -16.021183],
    [-35.087751, 83.64513],
    [-68.146881, -55.611822],
  ],
};

/** A margin around the land, as a share of the width: room for an outline at the very edge. */
const PAD = 0.005;

function baseProjection(): GeoProjection {
  return geoNaturalEarth1().rotate([-MAP_CENTRAL_MERIDIAN, 0]);
}

/** The height at which a box of this width holds the land with no empty band above or below. */
export function mapHeightFor(width: number): number {
  const pad = width * PAD;
  const [[, y0], [, y1]] = geoPath(baseProjection().fitWidth(width - 2 * pad, LAND_EXTENT)).bounds(LAND_EXTENT);
  return Math.round(y1 - y0 + 2 * pad);
}

/**
 * The projection fitted to the land in a box of this size: the land touches two opposite sides
 * (less the margin) and is centred between the other two.
 */
export function mapProjection(width: number = MAP_WIDTH, height: number = MAP_HEIGHT): GeoProjection {
  const pad = width * PAD;
  return baseProjection().fitExtent(
    [
      [pad, pad],
      [width - pad, height - pad],
    ],
    LAND_EXTENT,
  );
}

type Shape = Feature<Geometry | null, { name?: string } | null> & { id?: string | number };

/** The shapes the map draws: all but Antarctica. */
export function drawnShapes<T extends Shape>(shapes: readonly T[]): T[] {
  return shapes.filter((s) => String(s.id ?? '') !== ANTARCTICA_ID);
}

/** A box on the map, in map units: [[left, top], [right, bottom]]. */
export type Bounds = [[number, number], [number, number]];

/** Degrees of longitude from `from` to `to`, the short way round: -180 to 180. */
function lonDelta(from: number, to: number): number {
  return ((((to - from) % 360) + 540) % 360) - 180;
}

function polygonsOf(geometry: Geometry): Position[][][] {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(polygonsOf);
  return [];
}

/**
 * Where a shape lies on the map. A part that the map's edge puts on the far side from the
 * shape's largest part (an island just across the antimeridian, such as St Lawrence Island for
 * the United States) is left out: framing it too would frame the whole width of the world.
 */
export function shapeBounds(shape: Shape, projection: GeoProjection): Bounds | null {
  if (!shape.geometry) return null;
  const path = geoPath(projection);
  const parts = polygonsOf(shape.geometry).map((coordinates) => {
    const polygon: Polygon = { type: 'Polygon', coordinates };
    const centroid = geoCentroid(polygon);
    return { bounds: path.bounds(polygon), area: path.area(polygon), lon: centroid[0], x: projection(centroid)?.[0] ?? Number.NaN };
  });
  const main = parts.reduce<(typeof parts)[number] | undefined>((a, p) => (a && a.area >= p.area ? a : p), undefined);
  if (!main) return null;
  // On the near side, east on the globe is right on the map.
  const near = parts.filter((p) => p === main || lonDelta(main.lon, p.lon) * (p.x - main.x) >= 0);
  return unionBounds(near.map((p) => p.bounds));
}

/** The smallest box holding all of these, or null for none. */
export function unionBounds(list: readonly (Bounds | null)[]): Bounds | null {
  let out: Bounds | null = null;
  for (const b of list) {
    if (!b || !b.flat().every(Number.isFinite)) continue;
    out = out
      ? [
          [Math.min(out[0][0], b[0][0]), Math.min(out[0][1], b[0][1])],
          [Math.max(out[1][0], b[1][0]), Math.max(out[1][1], b[1][1])],
        ]
      : b;
  }
  return out;
}

/** A view of the map: the point at the box's centre (map units, as drawn at zoom 1) and the zoom. */
export interface MapView {
  x: number;
  y: number;
  k: number;
}

/** The whole map. */
export function homeView(width: number = MAP_WIDTH, height: number = MAP_HEIGHT): MapView {
  return { x: width / 2, y: height / 2, k: 1 };
}

/** The view moved as little as needed to keep the box on the map (no empty band beyond its edge), at zoom 1 or more. */
export function clampView(view: MapView, width: number = MAP_WIDTH, height: number = MAP_HEIGHT): MapView {
  const k = Math.max(1, view.k);
  const halfW = width / (2 * k);
  const halfH = height / (2 * k);
  return { x: Math.min(width - halfW, Math.max(halfW, view.x)), y: Math.min(height - halfH, Math.max(halfH, view.y)), k };
}

export interface FrameOptions {
  /** Room left around the framed box on each side, as a share of the map's box. */
  padding?: number;
  /** The zoom a small country is framed at, at most: a city-state is shown with its neighbours. */
  maxZoom?: number;
}

/** The view that frames a box: centred on it, zoomed in as far as it fits with its padding (never past maxZoom, never out past the whole map). */
export function frameBounds(bounds: Bounds | null, width: number = MAP_WIDTH, height: number = MAP_HEIGHT, { padding = 0.1, maxZoom = 8 }: FrameOptions = {}): MapView {
  if (!bounds) return homeView(width, height);
  const [[x0, y0], [x1, y1]] = bounds;
  const room = 1 - 2 * padding;
  const k = Math.min(maxZoom, (width * room) / Math.max(x1 - x0, 1e-6), (height * room) / Math.max(y1 - y0, 1e-6));
  return clampView({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, k }, width, height);
}

/**
 * The view that frames the selected countries' shapes (alpha-2 codes), or the whole map when
 * none of them has a shape on it (nothing selected, or only states too small for the atlas).
 */
export function frameCountries(
  shapes: readonly Shape[],
  codes: ReadonlySet<string>,
  projection: GeoProjection,
  width: number = MAP_WIDTH,
  height: number = MAP_HEIGHT,
  options?: FrameOptions,
): MapView {
  if (codes.size === 0) return homeView(width, height);
  const picked = shapes.filter((s) => {
    const code = codeOfShape(s.id, s.properties?.name ?? undefined);
    return code !== undefined && codes.has(code);
  });
  return frameBounds(unionBounds(picked.map((s) => shapeBounds(s, projection))), width, height, options);
}
