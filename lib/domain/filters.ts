// The one filter contract: the URL, the route handlers and the queries all go through it.
// URLs stay flat and readable (?from=2023-09-01&country=VE,JO&topic=middle_east) and leave
// defaults out: no type means the contacts (meetings, phone calls, multilateral meetings).
import * as z from 'zod/mini';
import { isCountryCode, isRegionCode } from '@/lib/domain/geo';
import { CONTACT_TYPES, EVENT_TYPES, type EventType } from './events';
import { isOrgCode, isTopicCode } from '@/lib/domain/labels';
import { bucketSchema } from './buckets';

export const FILTER_KEYS = ['from', 'to', 'country', 'region', 'org', 'topic', 'type', 'principal', 'channel', 'lang', 'q'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/**
 * The filters the rollup (db/queries/rollup-reads.ts) understands: dates, event types and the facets.
 * A view with any other filter set, one added later included, is read from the events: the rollup
 * fails closed.
 */
export const ROLLUP_FILTER_KEYS: readonly FilterKey[] = ['from', 'to', 'country', 'org', 'topic', 'type'];

/** Whether a filter holds a value (a non-empty list, a non-empty string). */
export function filterIsSet(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  return !Array.isArray(value) || value.length > 0;
}

export const MAX_LIST = 50;
export const MAX_QUERY = 200;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A day that exists (no 30 February), written YYYY-MM-DD, in the years given. */
export function isCalendarDate(s: string, minYear = 1900, maxYear = 2100): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && d.getUTCFullYear() >= minYear && d.getUTCFullYear() <= maxYear;
}

// zod/mini, the functional build: the contract runs in the browser too, and the full build would
// be a sixth of the page's JavaScript.
const date = z.string().check(z.refine((s) => isCalendarDate(s), { message: 'must be a date written YYYY-MM-DD' }));

// PostgreSQL text cannot hold NUL, and no name or search needs a control character.
const CONTROL = /[\u0000-\u001f\u007f]/;
const noControl = z.refine<string>((s) => !CONTROL.test(s), { message: 'must not contain control characters' });

/** A comma-separated list in the URL; repeated keys are joined too. */
function list<T extends z.ZodMiniType<string>>(item: T, what: string) {
  return z.pipe(
    z._default(z.array(item).check(z.maxLength(MAX_LIST, { message: `at most ${MAX_LIST} ${what}` })), []),
    z.transform((xs: z.output<T>[]) => [...new Set(xs)]),
  );
}

// Codes are ASCII, and are checked as such before any case is folded: Unicode case mapping
// turns look-alikes into codes ('ﬁ' upper-cases to FI, the Kelvin sign 'K' lower-cases to k),
// so a link could name Finland without its letters. Such a code is refused, not read as another.
const ASCII_COUNTRY = /^[A-Za-z]{2}$/;
const ASCII_REGION = /^[A-Za-z]+(?:-[A-Za-z]+)*(?:\/[A-Za-z]+(?:-[A-Za-z]+)*)?$/;
const ASCII_ORG = /^[A-Za-z0-9_]{1,20}$/;

const countryCode = z
  .string()
  .check(
    z.refine((s) => ASCII_COUNTRY.test(s), { message: 'is not an ISO 3166-1 alpha-2 country code (two ASCII letters)', abort: true }),
    z.toUpperCase(),
    z.refine(isCountryCode, { message: 'is not an ISO 3166-1 alpha-2 country code' }),
  );
const regionCode = z
  .string()
  .check(
    z.refine((s) => ASCII_REGION.test(s), { message: 'is not a region (ASCII letters, e.g. asia or asia/western-asia)', abort: true }),
    z.toLowerCase(),
    z.refine(isRegionCode, { message: 'is not a region (e.g. asia or asia/western-asia)' }),
  );
const orgCode = z
  .string()
  .check(
    z.refine((s) => ASCII_ORG.test(s), { message: 'is not a known organisation code (ASCII letters and digits, e.g. IAEA)', abort: true }),
    z.toUpperCase(),
    z.refine(isOrgCode, { message: 'is not a known organisation code (e.g. IAEA)' }),
  );
// A channel as stored: a Telegram handle, or a name given with --channel (letters, digits, _ . -).
const CHANNEL = /^[\p{L}\p{N}_.-]{1,64}$/u;
const channelName = z
  .string()
  .check(
    z.trim(),
    z.overwrite((s) => s.replace(/^@/, '')),
    z.refine((s) => CHANNEL.test(s), { message: 'is not a channel name (letters, digits, _ . -, e.g. MFARussia)' }),
  );
const topicCode = z.string().check(z.refine(isTopicCode, { message: 'is not a known topic code (e.g. middle_east)' }));
const principal = z.string().check(z.trim(), z.minLength(1), z.maxLength(100, { message: 'names are at most 100 characters' }), noControl);

export const filtersSchema = z
  .object({
    from: z.optional(date),
    to: z.optional(date),
    country: list(countryCode, 'countries'),
    region: list(regionCode, 'regions'),
    org: list(orgCode, 'organisations'),
    topic: list(topicCode, 'topics'),
    type: list(z.enum(EVENT_TYPES, { message: `must be one of ${EVENT_TYPES.join(', ')}` }), 'types'),
    principal: list(principal, 'principals'),
    channel: list(channelName, 'channels'),
    lang: z.optional(z.enum(['ru', 'en'], { message: 'must be ru or en' })),
    q: z.optional(z.string().check(z.trim(), z.maxLength(MAX_QUERY, { message: `at most ${MAX_QUERY} characters` }), noControl)),
  })
  .check(z.refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'from must not be after to', path: ['from'] }));

export type Filters = z.output<typeof filtersSchema>;

export const EMPTY_FILTERS: Filters = filtersSchema.parse({});

const LIST_KEYS: ReadonlySet<FilterKey> = new Set(['country', 'region', 'org', 'topic', 'type', 'principal', 'channel']);

type ParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

// Keys other than the filters' are ignored, not refused: links pick up utm_* and fbclid on the
// way, and a shared view must still open. An empty value is the same as no value.
function raw(params: ParamsLike, keys: readonly string[] = FILTER_KEYS): Record<string, unknown> {
  const get = (k: string): string[] => {
    if (params instanceof URLSearchParams) return params.getAll(k);
    const v = params[k];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const values = get(key);
    if (!values.length) continue;
    if (LIST_KEYS.has(key as FilterKey)) {
      out[key] = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
    } else {
      const v = values[values.length - 1]!.trim();
      if (v !== '') out[key] = v;
    }
  }
  return out;
}

export type FilterParse = { ok: true; filters: Filters } | { ok: false; error: z.core.$ZodError };

/** Reads filters from a URL query (URLSearchParams or Next's searchParams object). */
export function parseFilters(params: ParamsLike): FilterParse {
  const result = filtersSchema.safeParse(raw(params));
  return result.success ? { ok: true, filters: normalise(result.data) } : { ok: false, error: result.error };
}

function normalise(f: Filters): Filters {
  // The default type set is written as no type at all, so a URL has one spelling per view.
  const types = [...f.type].sort((a, b) => EVENT_TYPES.indexOf(a) - EVENT_TYPES.indexOf(b));
  const isDefault = types.length === CONTACT_TYPES.length && types.every((t, i) => t === CONTACT_TYPES[i]);
  return { ...f, type: isDefault ? [] : types, q: f.q || undefined };
}

/** The query string of a filter set, defaults left out, keys in a fixed order. */
export function filtersToQuery(f: Filters): string {
  const p = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = f[key];
    if (Array.isArray(v)) {
      if (v.length) p.set(key, v.join(','));
    } else if (v) {
      p.set(key, v);
    }
  }
  // Commas and slashes read better unescaped, and are safe in a query.
  return p.toString().replace(/%2C/g, ',').replace(/%2F/g, '/');
}

/** The types a query counts: the chosen ones, or the contacts. */
export function effectiveTypes(f: Filters): EventType[] {
  return f.type.length ? f.type : [...CONTACT_TYPES];
}

export function activeFilterCount(f: Filters): number {
  return FILTER_KEYS.filter((k) => {
    const v = f[k];
    return Array.isArray(v) ? v.length > 0 : Boolean(v);
  }).length;
}

// ---- the view's settings beside the filters ----

/**
 * How the dashboard shows the events, as against which events: the over-time chart's bucket.
 * They live in the URL after the filters (`&bucket=quarter`; absent is automatic) and are read
 * as the filters are, but no read's conditions depend on them, so they are no part of a filter
 * set: the other charts' queries, the rollup's choice and the filter chips never see them.
 */
export const VIEW_KEYS = ['bucket'] as const;
export type ViewKey = (typeof VIEW_KEYS)[number];

export const viewSchema = z.object({ bucket: z.optional(bucketSchema) });

export type ViewSettings = z.output<typeof viewSchema>;

export const DEFAULT_VIEW: ViewSettings = {};

export type ViewParse = { ok: true; view: ViewSettings } | { ok: false; error: z.core.$ZodError };

/** Reads the view settings from a URL query; like a filter, the last of a repeated key counts and an empty value is none. */
export function parseView(params: ParamsLike): ViewParse {
  const result = viewSchema.safeParse(raw(params, VIEW_KEYS));
  return result.success ? { ok: true, view: result.data } : { ok: false, error: result.error };
}

/** The query string of the view settings, defaults left out, keys in a fixed order. */
export function viewToQuery(v: ViewSettings): string {
  const p = new URLSearchParams();
  for (const key of VIEW_KEYS) {
    const value = v[key];
    if (value) p.set(key, value);
  }
  return p.toString();
}
