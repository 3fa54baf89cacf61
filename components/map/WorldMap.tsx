'use client';

import { memo, useCallback, useEffect, useMemo, useRef, useState, type ComponentProps, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { ComposableMap, Geographies, Geography, ZoomableGroup } from 'react-simple-maps';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';
import { codeOfShape, countryName } from '@/lib/domain/geo';
import { MAP_ASPECT, MAP_HEIGHT, MAP_WIDTH, clampView, drawnShapes, frameCountries, homeView, mapProjection, type MapView } from '@/lib/domain/geo/map-projection';
import type { CodeCount } from '@/components/data/stats';
import type { WorldTopology } from '@/components/data/world-map';
import { plural } from '@/components/format';
import { seqStep } from '@/lib/domain/scale';

type GeographyInput = ComponentProps<typeof Geographies>['geography'];
type Features = Parameters<NonNullable<ComponentProps<typeof Geographies>['parseGeographies']>>[0];
type Shape = Feature<Geometry, { name?: string }> & { id?: string };

// The projection fitted to the drawn land (lib/domain/geo/map-projection.ts): the viewBox has the
// land's own shape, so the map fills its box's width with no band above or below.
const PROJECTION = mapProjection();
/** The furthest the buttons and the wheel zoom in. */
const MAX_ZOOM = 12;
/** The furthest a selection is zoomed to: a small country is shown with its neighbours. */
const FRAME_MAX_ZOOM = 8;
/** The zoom group keeps the box on the map: no panning the world out of sight. */
const TRANSLATE_EXTENT: [number, number][] = [
  [0, 0],
  [MAP_WIDTH, MAP_HEIGHT],
];

function dropAntarctica(features: Features): Features {
  return drawnShapes(features);
}

/** The zoom group's view: the centre in degrees, as it takes and reports it. */
interface ZoomView {
  coordinates: [number, number];
  zoom: number;
}

function toZoomView(v: MapView): ZoomView {
  const [lon, lat] = PROJECTION.invert?.([v.x, v.y]) ?? [0, 0];
  return { coordinates: [lon, lat], zoom: v.k };
}

function toMapView(v: ZoomView): MapView {
  const [x, y] = PROJECTION(v.coordinates) ?? [MAP_WIDTH / 2, MAP_HEIGHT / 2];
  return { x, y, k: v.zoom };
}

const HOME = toZoomView(homeView());

function shapesOf(topology: WorldTopology): Shape[] {
  const topo = topology as unknown as Topology<Record<string, GeometryCollection<{ name?: string }>>>;
  // The first object, as react-simple-maps draws it.
  const name = Object.keys(topo.objects)[0];
  const object = name ? topo.objects[name] : undefined;
  return object ? drawnShapes(feature(topo, object).features as Shape[]) : [];
}

interface Tip {
  name: string;
  count: number;
  code: string;
  x: number;
  y: number;
}

interface WorldMapProps {
  topology: WorldTopology;
  counts: CodeCount[];
  /** Countries in the filter: outlined. */
  selected: string[];
  onSelect: (code: string) => void;
  unit?: string;
}

/** Counterpart countries shaded by number of contacts; click (or Enter) on a country filters to it. */
export function WorldMap({ topology, counts, selected, onSelect, unit = 'contact' }: WorldMapProps) {
  const box = useRef<HTMLDivElement>(null);
  const [tip, setTip] = useState<Tip | null>(null);
  const byCode = useMemo(() => new Map(counts.map((c) => [c.code, c.count])), [counts]);
  const max = useMemo(() => counts.reduce((m, c) => Math.max(m, c.count), 0), [counts]);
  const selectedKey = selected.join(',');
  const selectedSet = useMemo(() => new Set(selectedKey ? selectedKey.split(',') : []), [selectedKey]);
  const shapes = useMemo(() => shapesOf(topology), [topology]);

  // The selection frames the map: the selected countries' bounds, padded, or the whole map when
  // the selection is cleared. The view follows a new selection; between selections it is the
  // user's, to zoom and pan by hand.
  const framed = useMemo(() => toZoomView(frameCountries(shapes, selectedSet, PROJECTION, MAP_WIDTH, MAP_HEIGHT, { maxZoom: FRAME_MAX_ZOOM })), [shapes, selectedSet]);
  const [view, setView] = useState(framed);
  const [lastFramed, setLastFramed] = useState(framed);
  if (lastFramed !== framed) {
    setLastFramed(framed);
    setView(framed);
  }

  // Shapes are memoised and must not re-render on every hover: they get stable callbacks that
  // read the latest onSelect from a ref.
  const selectRef = useRef(onSelect);
  useEffect(() => {
    selectRef.current = onSelect;
  }, [onSelect]);
  const select = useCallback((code: string) => selectRef.current(code), []);
  const hover = useCallback((t: Omit<Tip, 'x' | 'y'> | null, clientX = 0, clientY = 0) => {
    const r = box.current?.getBoundingClientRect();
    setTip(t && r ? { ...t, x: clientX - r.left, y: clientY - r.top } : null);
  }, []);

  // About the box's centre, kept on the map: zooming out near an edge does not bare the edge.
  const zoomBy = (f: number) =>
    setView((v) => {
      const m = toMapView(v);
      return toZoomView(clampView({ ...m, k: Math.min(MAX_ZOOM, Math.max(1, m.k * f)) }));
    });

  return (
    <div className="map-box" ref={box} data-testid="map" data-zoom={view.zoom.toFixed(2)} style={{ aspectRatio: MAP_ASPECT }} onMouseLeave={() => setTip(null)}>
      <ComposableMap width={MAP_WIDTH} height={MAP_HEIGHT} projection={PROJECTION} className="map-svg" aria-label="World map of counterpart countries">
        <ZoomableGroup
          center={view.coordinates}
          zoom={view.zoom}
          minZoom={1}
          maxZoom={MAX_ZOOM}
          translateExtent={TRANSLATE_EXTENT}
          onMoveEnd={({ coordinates, zoom }) => {
            if (coordinates && zoom) setView({ coordinates: [coordinates[0], coordinates[1]], zoom });
          }}
        >
          <Shapes geography={topology as unknown as GeographyInput} byCode={byCode} max={max} selected={selectedSet} unit={unit} onHover={hover} onSelect={select} />
        </ZoomableGroup>
      </ComposableMap>
      <div className="map-zoom" role="group" aria-label="Zoom">
        <button type="button" className="btn btn-icon" onClick={() => zoomBy(1.5)} disabled={view.zoom >= MAX_ZOOM} aria-label="Zoom in">
          +
        </button>
        <button type="button" className="btn btn-icon" onClick={() => zoomBy(1 / 1.5)} disabled={view.zoom <= 1} aria-label="Zoom out">
          −
        </button>
        <button type="button" className="btn btn-icon" onClick={() => setView(HOME)} aria-label="Reset zoom" title="Reset zoom">
          ⟲
        </button>
      </div>
      {tip && (
        <div className="map-tip" style={{ left: tip.x, top: tip.y }} role="status">
          <strong>{tip.name}</strong>
          <span className="num">{plural(tip.count, unit)}</span>
        </div>
      )}
    </div>
  );
}

interface ShapesProps {
  geography: GeographyInput;
  byCode: Map<string, number>;
  max: number;
  selected: Set<string>;
  unit: string;
  onHover: (t: Omit<Tip, 'x' | 'y'> | null, clientX?: number, clientY?: number) => void;
  onSelect: (code: string) => void;
}

const Shapes = memo(function Shapes({ geography, byCode, max, selected, unit, onHover, onSelect }: ShapesProps) {
  return (
    <Geographies geography={geography} parseGeographies={dropAntarctica}>
      {({ geographies }) =>
        geographies.map((geo) => {
          const shapeName = typeof geo.properties?.name === 'string' ? (geo.properties.name as string) : '';
          const code = codeOfShape(geo.id, shapeName) ?? '';
          const count = code ? (byCode.get(code) ?? 0) : 0;
          const name = code ? countryName(code) : shapeName;
          const info = { name, count, code };
          const label = `${name}: ${plural(count, unit)}`;
          const activate = () => code && onSelect(code);
          return (
            <Geography
              key={geo.rsmKey}
              geography={geo}
              data-country={code}
              data-count={count}
              className={`shape seq-${seqStep(count, max)}${selected.has(code) ? ' is-selected' : ''}${code ? '' : ' is-unknown'}`}
              tabIndex={count > 0 ? 0 : -1}
              role={code ? 'button' : undefined}
              aria-label={code ? `${label}. Filter to ${name}` : label}
              onMouseEnter={(e: MouseEvent<SVGPathElement>) => onHover(info, e.clientX, e.clientY)}
              onMouseMove={(e: MouseEvent<SVGPathElement>) => onHover(info, e.clientX, e.clientY)}
              onFocus={(e: FocusEvent<SVGPathElement>) => {
                const r = e.currentTarget.getBoundingClientRect();
                onHover(info, r.left + r.width / 2, r.top + r.height / 2);
              }}
              onBlur={() => onHover(null)}
              onClick={activate}
              onKeyDown={(e: KeyboardEvent<SVGPathElement>) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  activate();
                }
              }}
            />
          );
        })
      }
    </Geographies>
  );
});
