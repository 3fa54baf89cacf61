// The dashboard map's coordinate space (its SVG viewBox), apart from the projection so that the
// page can size the map's box before the map's code, d3-geo included, has loaded.

/** The map is MAP_WIDTH × MAP_HEIGHT units. */
export const MAP_WIDTH = 800;

/**
 * The height that holds the land at MAP_WIDTH with no band above or below it: the land's own
 * shape in the fitted projection (mapHeightFor in map-projection.ts; a test keeps the two equal).
 */
export const MAP_HEIGHT = 375;

/** The box's aspect ratio, as CSS takes it. */
export const MAP_ASPECT = `${MAP_WIDTH} / ${MAP_HEIGHT}`;
