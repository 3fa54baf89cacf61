// Countries as the app shows them: ISO alpha-2 code, flag, English and Russian names, and the
// region and subregion they sit in (the UN geoscheme as world-countries gives it).
import table from './countries.json';

export interface Country {
  code: string;
  numeric: string | null;
  alpha3: string;
  flag: string;
  name: string;
  nameRu: string;
  region: string | null;
  subregion: string | null;
}

export const COUNTRIES: readonly Country[] = table;

const byCode = new Map(COUNTRIES.map((c) => [c.code, c]));
const byNumeric = new Map(COUNTRIES.filter((c) => c.numeric).map((c) => [c.numeric as string, c.code]));

export function country(code: string): Country | undefined {
  return byCode.get(code);
}

export function countryName(code: string): string {
  return byCode.get(code)?.name ?? code;
}

export function isCountryCode(code: string): boolean {
  return byCode.has(code);
}

/**
 * Map shapes without an ISO numeric id, by their name in the world atlas. Policy: a territory
 * counts with the state ISO 3166 places it in (Northern Cyprus with Cyprus, Somaliland with
 * Somalia); Kosovo has its own user-assigned code XK, as the channels name it apart.
 */
const SHAPES_WITHOUT_ID: Record<string, string> = { 'N. Cyprus': 'CY', Somaliland: 'SO', Kosovo: 'XK' };

/** The alpha-2 code of a world-atlas shape, from its numeric id or, failing that, its name. */
export function codeOfShape(id: string | number | undefined, name: string | undefined): string | undefined {
  if (id !== undefined && id !== null && id !== '') return byNumeric.get(String(id).padStart(3, '0'));
  return name ? SHAPES_WITHOUT_ID[name] : undefined;
}

export interface Region {
  /** URL value: "asia" or "asia/western-asia". */
  code: string;
  name: string;
  parent: string | null;
}

export function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Regions then their subregions, in name order. */
export const REGIONS: readonly Region[] = (() => {
  const out = new Map<string, Region>();
  for (const c of COUNTRIES) {
    if (!c.region) continue;
    const r = slug(c.region);
    out.set(r, { code: r, name: c.region, parent: null });
    if (c.subregion) out.set(`${r}/${slug(c.subregion)}`, { code: `${r}/${slug(c.subregion)}`, name: c.subregion, parent: r });
  }
  return [...out.values()].sort((a, b) => a.code.localeCompare(b.code));
})();

const regionCodes = new Set(REGIONS.map((r) => r.code));

export function isRegionCode(code: string): boolean {
  return regionCodes.has(code);
}

/** The countries of a region or subregion code. */
export function countriesInRegion(code: string): string[] {
  const [region, sub] = code.split('/');
  return COUNTRIES.filter(
    (c) => c.region && slug(c.region) === region && (!sub || (c.subregion && slug(c.subregion) === sub)),
  ).map((c) => c.code);
}
