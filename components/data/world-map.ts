import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson, retryOptions } from './fetch-json';

/** The vendored world-atlas TopoJSON, served from /public: same origin, fetched at run time, never bundled. */
export const WORLD_MAP_URL = '/maps/countries-110m.json';

/** TopoJSON as fetched; react-simple-maps reads it, nothing else looks inside. */
export type WorldTopology = { type: 'Topology'; objects: Record<string, unknown>; arcs: unknown[] };

export function worldMapQueryOptions() {
  return queryOptions({
    queryKey: ['maps', 'countries-110m'] as const,
    queryFn: ({ signal }) => getJson<WorldTopology>(WORLD_MAP_URL, signal),
    staleTime: Infinity,
    gcTime: Infinity,
    ...retryOptions,
  });
}

export function useWorldMapQuery() {
  return useQuery(worldMapQueryOptions());
}
