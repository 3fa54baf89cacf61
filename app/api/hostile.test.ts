// Random and hostile query parameters on every route: the answer is a 2xx for input that is in
// fact valid, a 4xx that names the parameter for input that is not, and never a 5xx or a hang.
// The cases come from a seeded generator, so a failure names a case that can be replayed.
import { describe, expect, test, vi } from 'vitest';
import { sql } from 'kysely';
import { EVENT_TYPES } from '@/lib/ingest/types';
import { FILTER_KEYS, MAX_LIST, MAX_QUERY } from '@/lib/domain/filters';
import { cachedRead, pageRead } from '@/lib/server/route';
import { dbKind } from '@/scripts/testing/db';
import { fixtureDb } from '@/scripts/testing/fixture-db';
import { GET as weeklyPngGet } from '../weekly/[week]/image.png/route';
import { GET as eventGet } from './events/[id]/route';
import { GET as exportGet } from './events/export/route';
import { GET as eventsGet } from './events/route';
import { GET as healthGet } from './health/route';
import { GET as previewGet } from './preview/route';
import { GET as chartGet } from './chart/[name]/route';
import { mulberry32 } from '@/scripts/bench/corpus';
import { statsGet } from '@/scripts/testing/stats-route';

const countriesGet = statsGet('countries');
const headlineGet = statsGet('headline');
const matrixGet = statsGet('matrix');
const organizationsGet = statsGet('organizations');
const overTimeGet = statsGet('over-time');
const topicsGet = statsGet('topics');

type Kind = 'json' | 'csv' | 'png';

interface RouteSpec {
  /** Query keys of this route beyond the filters. */
  keys: string[];
  kind: Kind;
  /** The path parameter, when the route has one. */
  pathParam?: 'id' | 'week' | 'name';
  /** How many generated cases it gets; the picture routes render, so they get fewer. */
  cases: number;
  call: (query: string, pathValue?: string) => Promise<Response>;
}

const req = (path: string, query: string) => new Request(`http://localhost${path}?${query}`);

const ROUTES: Record<string, RouteSpec> = {
  '/api/stats/headline': { keys: [], kind: 'json', cases: 110, call: (q) => headlineGet(req('/api/stats/headline', q)) },
  '/api/stats/countries': { keys: ['limit'], kind: 'json', cases: 110, call: (q) => countriesGet(req('/api/stats/countries', q)) },
  '/api/stats/organizations': { keys: ['limit'], kind: 'json', cases: 100, call: (q) => organizationsGet(req('/api/stats/organizations', q)) },
  '/api/stats/topics': { keys: ['limit'], kind: 'json', cases: 100, call: (q) => topicsGet(req('/api/stats/topics', q)) },
  '/api/stats/over-time': { keys: ['bucket'], kind: 'json', cases: 140, call: (q) => overTimeGet(req('/api/stats/over-time', q)) },
  '/api/stats/matrix': { keys: ['limit'], kind: 'json', cases: 100, call: (q) => matrixGet(req('/api/stats/matrix', q)) },
  '/api/events': { keys: ['cursor', 'limit'], kind: 'json', cases: 160, call: (q) => eventsGet(req('/api/events', q)) },
  '/api/events/export': { keys: ['format'], kind: 'csv', cases: 100, call: (q) => exportGet(req('/api/events/export', q)) },
  '/api/events/[id]': {
    keys: [],
    kind: 'json',
    pathParam: 'id',
    cases: 120,
    call: (q, id = '') => eventGet(req('/api/events/x', q), { params: Promise.resolve({ id }) }),
  },
  '/api/health': { keys: [], kind: 'json', cases: 5, call: () => healthGet() },
  '/api/preview': { keys: [], kind: 'png', cases: 30, call: (q) => previewGet(req('/api/preview', q)) },
  '/api/chart/[name]': {
    keys: ['theme', 'bucket'],
    kind: 'png',
    pathParam: 'name',
    cases: 40,
    call: (q, name = '') => chartGet(req('/api/chart/x', q), { params: Promise.resolve({ name }) }),
  },
  '/weekly/[week]/image.png': {
    keys: ['size'],
    kind: 'png',
    pathParam: 'week',
    cases: 60,
    call: (q, week = '') => weeklyPngGet(req('/weekly/x/image.png', q), { params: Promise.resolve({ week }) }),
  },
};
type RoutePath = keyof typeof ROUTES;

const FILTERED: RoutePath[] = [
  '/api/stats/headline',
  '/api/stats/countries',
  '/api/stats/organizations',
  '/api/stats/topics',
  '/api/stats/over-time',
  '/api/stats/matrix',
  '/api/events',
  '/api/events/export',
  '/api/preview',
  '/api/chart/[name]',
  '/weekly/[week]/image.png',
];

const pathDefault = (spec: RouteSpec) => (spec.pathParam === 'week' ? '2023-W38' : spec.pathParam === 'id' ? '1' : spec.pathParam === 'name' ? 'map' : undefined);

// ---- the generator -------------------------------------------------------------------------

const rng = mulberry32;

type Rand = () => number;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
// From an empty list (a parameter with no valid values) the pick is undefined, sent as the text
// "undefined": one more hostile value.
const pick = <T,>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

const HUGE = 'a'.repeat(100_000);
const SQL = ["' or 1=1 --", ';drop table events', "'; drop table events; --", '1) or (1=1', "\\'", '$1', '$$x$$', "E'\\x00'", '*/ select 1 /*'];
const ENCODING = ['%', '%%', '%zz', '%u0041', '%00', 'a%00b', '%C0%AF', '%ED%A0%80', '%FF%FE', '%E2%80%AE', '%2C%2C', '%252C', '+', '%2B', '&', '=', '#x', '%0A', '%0D%0A'];
const UNICODE = ['\u202Eevil', 'שלום', 'مرحبا', '🇷🇺🇺🇸', '😀'.repeat(120), '\uFEFF', '\u200B', 'Ⅻ', '١٢٣', '１２３', 'İstanbul', 'ß', 'ﬀ', 'a\u0000b', '\u0000', '\u0007\u001b[31m'];
const JUNK = ['', ' ', '\t', 'null', 'undefined', 'NaN', 'Infinity', '-Infinity', 'true', '[]', '{}', '{"$ne":null}', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '0', '-1', '-0', '1e309', '0x10', '9223372036854775807', '9223372036854775808', '18446744073709551616', '<script>alert(1)</script>', '../../etc/passwd'];
const DATES = ['2023-02-30', '2023-02-29', '2024-02-29', '99999-01-01', '0000-01-01', '0001-01-01', '1899-12-31', '1900-01-01', '2100-12-31', '2101-01-01', '2023-13-01', '2023-00-01', '2023-9-1', '20230901', '2023/09/01', '2023-09-01T00:00:00Z', '٢٠٢٣-٠٩-٠١', '２０２３-０９-０１', '-2023-09-01', '+2023-09-01', 'today', 'now()'];
const HOSTILE = [...SQL, ...ENCODING, ...UNICODE, ...JUNK, ...DATES];

/** A route's spec; a test naming a route it does not list is a bug in the test. */
function specOf(route: string): RouteSpec {
  const spec = ROUTES[route];
  if (!spec) throw new Error(`no spec for ${route}`);
  return spec;
}

const VALID: Record<string, readonly string[]> = {
  from: ['2023-09-01', '2023-09-19', '2023-08-01', '2022-01-01', '1900-01-01', '2023-09-20'],
  to: ['2023-09-30', '2023-09-21', '2024-12-31', '2100-12-31', '2023-09-20'],
  country: ['VE', 'JO', 've', 'YE,VE', 'RU', 'US,CN,IN'],
  region: ['asia', 'asia/western-asia', 'europe', 'ASIA', 'americas/south-america'],
  org: ['IAEA', 'CSTO', 'UN', 'csto'],
  topic: ['middle_east', 'security', 'ukraine', 'energy'],
  type: [...EVENT_TYPES, 'meeting,phone_call', 'briefing,statement'],
  principal: ['Sergey Lavrov', 'Maria Zakharova', "O'Brien"],
  channel: ['fixture', '@fixture', 'MFARussia', 'MID_Russia,fixture', 'FIXTURE'],
  lang: ['ru', 'en'],
  q: ['Venezuela', 'Лавров', 'talks', '"foreign minister" -syria', 'or', '!!!'],
  limit: ['1', '5', '30', '100', '200', '250'],
  cursor: ['2023-09-20_3', 'null_9', '2023-09-21_1', '2023-09-20_2147483647'],
  bucket: ['day', 'week', 'month', 'quarter', 'year'],
  format: ['csv', 'json'],
  size: ['wide', 'square'],
  theme: ['light', 'dark'],
};

function validOf(key: string): readonly string[] {
  const values = VALID[key];
  if (!values) throw new Error(`no valid values for ${key}`);
  return values;
}

const UNKNOWN_KEYS = ['foo', '', 'Country', 'COUNTRY', 'country[]', 'q[]', '__proto__', 'constructor', ' from', 'from ', 'page', 'offset', 'sort', 'callback', 'id', 'week', '😀', "'or 1=1"];

function base64ish(r: Rand): string {
  const bytes = Array.from({ length: int(r, 1, 40) }, () => int(r, 0, 255));
  return Buffer.from(bytes).toString(pick(r, ['base64', 'base64url', 'hex'] as const));
}

function hostileNumber(r: Rand): string {
  return pick(r, [
    () => String(int(r, -1000, 1_000_000)),
    () => String(2 ** int(r, 0, 70)),
    () => `${int(r, 0, 99)}.${int(r, 0, 9)}`,
    () => `${int(r, 1, 9)}e${int(r, 0, 400)}`,
    () => '9'.repeat(int(r, 5, 400)),
    () => `-${int(r, 0, 1e6)}`,
    () => ` ${int(r, 1, 50)}`,
    () => `${int(r, 1, 50)} `,
    () => '٣٠',
    () => '３０',
  ])();
}

function hostileCursor(r: Rand): string {
  return pick(r, [
    () => base64ish(r),
    () => `${pick(r, [...DATES, ...validOf('from')])}_${pick(r, ['1', '-1', '0', '2147483648', '9999999999', '99999999999', hostileNumber(r)])}`,
    () => `null_${hostileNumber(r)}`,
    () => `null_${int(r, 0, 2 ** 31 - 1)}`,
    () => `${pick(r, validOf('from'))}_${int(r, 0, 2 ** 31 - 1)}`,
    () => pick(r, HOSTILE),
  ])();
}

function hostileList(r: Rand, key: string): string {
  const item = () => (r() < 0.6 ? pick(r, VALID[key] ?? ['x']) : pick(r, HOSTILE));
  const n = pick(r, [2, MAX_LIST, MAX_LIST + 1, 1000, 10_000]);
  return Array.from({ length: n }, item).join(pick(r, [',', ',,', ' , ']));
}

/** A value for a key: mostly hostile, sometimes valid, so that both paths through a route run. */
function valueFor(r: Rand, key: string): string {
  const roll = r();
  if (roll < 0.3 && VALID[key]) return pick(r, VALID[key]);
  if (roll < 0.4 && (key === 'limit' || key === 'id')) return hostileNumber(r);
  if (roll < 0.5 && key === 'cursor') return hostileCursor(r);
  if (roll < 0.5 && (key === 'from' || key === 'to')) return pick(r, DATES);
  if (roll < 0.55) return hostileList(r, key);
  if (roll < 0.6) return pick(r, [HUGE, `${pick(r, VALID[key] ?? ['x'])}${HUGE}`, 'x'.repeat(MAX_QUERY + 1), 'x'.repeat(MAX_QUERY)]);
  if (roll < 0.7) return `${pick(r, VALID[key] ?? ['x'])}${pick(r, HOSTILE)}`;
  return pick(r, HOSTILE);
}

/** Percent-encoded as a browser would, or raw so that malformed escapes reach the parser. */
function encode(r: Rand, s: string): string {
  if (r() < 0.5) return s;
  try {
    return encodeURIComponent(s);
  } catch {
    return s;
  }
}

interface Case {
  route: RoutePath;
  query: string;
  pathValue?: string;
}

const WEEKS = ['2023-W38', '2023-W01', '2020-W53', '2023-W53', '2023-W99', '2023-W00', '2023-W3', '2023-W038', '10000-W01', '1899-W52', '2101-W01', 'garbage', '', ' ', '2023-w38', '2023W38', '٢٠٢٣-W38', '2023-W38\u0000', HUGE, '../2023-W38', "2023-W38' or 1=1 --", '2023-W38;drop table events'];
const IDS = ['1', '2', '3', '0', '00001', '999999999', '2147483647', '2147483648', '9223372036854775808', '-1', '1.0', '1e3', '0x10', ' 1', '1 ', '１', '١', 'abc', '', '1;drop table events', "1' or '1'='1", HUGE, '9'.repeat(400)];

/** One key=value pair that may be hostile in its key, its value, or in being repeated. */
function hostilePart(r: Rand, key: string): string {
  if (r() < 0.03) {
    // A key repeated thousands of times, each with a short value.
    const one = `${encode(r, key)}=${encode(r, pick(r, VALID[key] ?? JUNK))}`;
    return Array.from({ length: int(r, 1000, 10_000) }, () => one).join('&');
  }
  const repeats = r() < 0.1 ? int(r, 2, 5) : 1;
  return Array.from({ length: repeats }, () => `${encode(r, key)}=${encode(r, valueFor(r, key))}`).join('&');
}

function generate(route: RoutePath, spec: RouteSpec, seed: number): Case {
  const r = rng(seed);
  const keys = [...FILTER_KEYS, ...spec.keys];
  const parts: string[] = [];
  if (r() < 0.7) {
    // One hostile parameter among valid ones, so that no earlier refusal hides what it does.
    for (let i = int(r, 0, 3); i > 0; i--) {
      const key = pick(r, keys);
      parts.push(`${key}=${encodeURIComponent(pick(r, validOf(key)))}`);
    }
    if (r() < 0.2) parts.push(`${encode(r, pick(r, UNKNOWN_KEYS))}=${encode(r, pick(r, HOSTILE))}`);
    const target = spec.keys.length && r() < 0.4 ? pick(r, spec.keys) : pick(r, keys);
    parts.splice(int(r, 0, parts.length), 0, hostilePart(r, target));
  } else {
    for (let i = int(r, 0, 5); i > 0; i--) {
      const roll = r();
      parts.push(hostilePart(r, roll < 0.15 ? pick(r, UNKNOWN_KEYS) : roll < 0.35 && spec.keys.length ? pick(r, spec.keys) : pick(r, keys)));
    }
  }
  // A bad path value is answered before the query is read: half the cases keep a good one.
  const good = r() < 0.5;
  const pathValue =
    spec.pathParam === 'id'
      ? good ? pick(r, ['1', '2', '3', '999999']) : r() < 0.3 ? hostileNumber(r) : pick(r, IDS)
      : spec.pathParam === 'week'
        ? good ? pick(r, ['2023-W38', '2023-W35']) : pick(r, WEEKS)
        : spec.pathParam === 'name'
          ? good ? pick(r, ['map', 'countries', 'topics', 'over-time', 'matrix', 'organizations']) : pick(r, ['nope', '', '__proto__', 'toString', 'MAP', '../map', HUGE.slice(0, 300)])
          : undefined;
  return { route, query: parts.join('&'), pathValue };
}

// ---- the checks ----------------------------------------------------------------------------

const CASE_TIMEOUT_MS = 15_000;

async function run(c: Case): Promise<Response> {
  const spec = specOf(c.route);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CASE_TIMEOUT_MS} ms`)), CASE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([spec.call(c.query, c.pathValue ?? pathDefault(spec)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const short = (s: string) => (s.length > 160 ? `${s.slice(0, 160)}… (${s.length} chars)` : s);

/** What is wrong with an answer, or null when it keeps the rule. */
async function judge(c: Case, res: Response): Promise<string | null> {
  const spec = specOf(c.route);
  if (res.status >= 500) return `status ${res.status}: ${short(await res.text())}`;
  if (res.status === 200) {
    const type = res.headers.get('content-type') ?? '';
    const want = { json: /json/, csv: /text\/csv|json/, png: /image\/png/ }[spec.kind];
    if (!want.test(type)) return `200 with content-type ${type}`;
    if (/json/.test(type)) await res.json();
    else await res.arrayBuffer();
    return null;
  }
  if (res.status < 400) return `status ${res.status}`;
  const body: unknown = await res.json().catch(() => null);
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error !== 'string' || !error.trim()) return `status ${res.status} without an error message`;
  if (res.status === 400) {
    // The message starts with the parameter it is about (`country.0: ...`, `limit: ...`).
    const named = /^([^.:\s]+)/.exec(error)?.[1] ?? '';
    const given = new Set<string>([...new URL(`http://localhost/?${c.query}`).searchParams.keys()]);
    if (spec.pathParam) given.add(spec.pathParam);
    if (!given.has(named)) return `400 naming "${named}", not a parameter of the request: ${short(error)}`;
  }
  return null;
}

async function check(c: Case): Promise<string | null> {
  try {
    const problem = await judge(c, await run(c));
    return problem && `${c.route} ${c.pathValue !== undefined ? `[${short(c.pathValue)}] ` : ''}?${short(c.query)} → ${problem}`;
  } catch (err) {
    return `${c.route} ?${short(c.query)} → threw ${err instanceof Error ? err.message : String(err)}`;
  }
}

// ---- the tests -----------------------------------------------------------------------------

const SEED = 20_231_938;
const TOTAL = Object.values(ROUTES).reduce((n, s) => n + s.cases, 0);

describe(`hostile query parameters on the ${dbKind} database`, () => {
  fixtureDb({ serve: true });

  test(`the generator makes ${TOTAL} cases, at least 1000`, () => {
    expect(TOTAL).toBeGreaterThanOrEqual(1000);
    // Deterministic: the same seed gives the same case.
    expect(generate('/api/events', specOf('/api/events'), SEED + 5)).toEqual(generate('/api/events', specOf('/api/events'), SEED + 5));
  });

  test.each(Object.keys(ROUTES).map((route) => [route, specOf(route).cases] as const))(
    '%s: %i generated cases, no 5xx, every 4xx says which parameter',
    async (route, cases) => {
      const spec = specOf(route);
      const problems: string[] = [];
      for (let i = 0; i < cases; i++) {
        const problem = await check(generate(route, spec, SEED + i * 7919 + route.length));
        if (problem) problems.push(problem);
      }
      expect(problems).toEqual([]);
    },
    120_000,
  );

  const list = (item: string, n: number) => Array.from({ length: n }, () => item).join(',');
  const repeated = (key: string, item: string, n: number) => Array.from({ length: n }, () => `${key}=${item}`).join('&');

  // [query, status, message]: for every filtered route, the same answer.
  const FILTER_CASES: [string, number, RegExp | null][] = [
    ['from=2023-02-30', 400, /^from: must be a date/],
    ['to=2023-02-30', 400, /^to: must be a date/],
    ['from=99999-01-01', 400, /^from: must be a date/],
    ['from=0000-01-01', 400, /^from: must be a date/],
    ['to=2101-01-01', 400, /^to: must be a date/],
    [`from=${encodeURIComponent('٢٠٢٣-٠٩-٠١')}`, 400, /^from: must be a date/],
    [`from=${encodeURIComponent('２０２３-０９-０１')}`, 400, /^from: must be a date/],
    ['from=2023-09-01T00:00:00Z', 400, /^from: must be a date/],
    ['from=', 200, null],
    ['from=%20', 200, null],
    ['from=2023-09-30&to=2023-09-01', 400, /^from: from must not be after to/],
    ['from=2023-09-01&to=2023-09-30', 200, null],
    ['from=2100-12-31', 200, null],
    ['to=1900-01-01', 200, null],
    ['country=ZZ', 400, /^country\.0: is not an ISO 3166-1 alpha-2/],
    ['region=atlantis', 400, /^region\.0: is not a region/],
    ['region=__proto__', 400, /^region\.0: is not a region/],
    ['topic=constructor', 400, /^topic\.0: is not a known topic/],
    ['org=toString', 400, /^org\.0: is not a known organisation/],
    ['type=coup', 400, /^type\.0: must be one of/],
    ['lang=xx', 400, /^lang: must be ru or en/],
    ['lang=xx&lang=ru', 200, null],
    ['lang=ru&lang=xx', 400, /^lang: /],
    [`country=${list('VE', 10_000)}`, 400, new RegExp(`^country: at most ${MAX_LIST} countries`)],
    [repeated('topic', 'security', 10_000), 400, new RegExp(`^topic: at most ${MAX_LIST} topics`)],
    [`country=${list('ZZ', 10_000)}`, 400, /^country/],
    [`type=${list('meeting', MAX_LIST)}`, 200, null],
    [`q=${encodeURIComponent("' or 1=1 --")}`, 200, null],
    [`q=${encodeURIComponent(';drop table events')}`, 200, null],
    [`principal=${encodeURIComponent("'; drop table events; --")}`, 200, null],
    [`country=${encodeURIComponent("VE' or 1=1 --")}`, 400, /^country\.0:/],
    [`q=${'a'.repeat(MAX_QUERY + 1)}`, 400, new RegExp(`^q: at most ${MAX_QUERY} characters`)],
    [`q=${HUGE}`, 400, /^q: at most/],
    [`principal=${HUGE}`, 400, /^principal\.0: names are at most 100/],
    [`country=${HUGE}`, 400, /^country\.0:/],
    ['q=%zz%', 200, null],
    ['q=%E0%A4%A', 200, null],
    ['q=%00', 400, /^q: must not contain control characters/],
    ['q=a%00b', 400, /^q: must not contain control characters/],
    ['principal=Sergey%00Lavrov', 400, /^principal\.0: must not contain control characters/],
    ['country=VE%00', 400, /^country\.0:/],
    [`q=${encodeURIComponent('\u202Eлавров 🇷🇺 مرحبا')}`, 200, null],
    [`principal=${encodeURIComponent('😀')}`, 200, null],
    // Characters are code points: an emoji is one, though two UTF-16 units.
    [`q=${encodeURIComponent('😀'.repeat(MAX_QUERY))}`, 200, null],
    [`q=${encodeURIComponent('😀'.repeat(MAX_QUERY + 1))}`, 400, /^q: at most/],
    ['foo=bar&__proto__=1&constructor=x&country%5B%5D=ZZ', 200, null],
    // Look-alikes are refused, not folded into the code they resemble (ﬁ upper-cases to FI).
    [`country=${encodeURIComponent('\uFB01')}`, 400, /^country\.0: is not an ISO 3166-1 alpha-2 country code \(two ASCII letters\)/],
    [`country=${encodeURIComponent('\uFF36\uFF25')}`, 400, /^country\.0: .*ASCII/],
    [`country=VE,${encodeURIComponent('R\u0443')}`, 400, /^country\.1: .*ASCII/],
    [`country=${encodeURIComponent('\u0131t')}`, 400, /^country\.0: .*ASCII/],
    [`region=${encodeURIComponent('\u212Aorea')}`, 400, /^region\.0: .*ASCII/],
    [`region=${encodeURIComponent('\uFF41sia')}`, 400, /^region\.0: .*ASCII/],
    [`org=${encodeURIComponent('C\uFB06O')}`, 400, /^org\.0: .*ASCII/],
    [`org=${encodeURIComponent('\uFF29AEA')}`, 400, /^org\.0: .*ASCII/],
    ['country=fi&region=ASIA&org=iaea', 200, null],
    ['country=VE&country=JO&country=VE', 200, null],
  ];

  // The picture routes take the refusals only: each valid view would cost a render, and the
  // generated cases and their own tests already draw valid ones.
  const filterCases = FILTERED.flatMap((route) =>
    FILTER_CASES.filter(([, status]) => specOf(route).kind !== 'png' || status !== 200).map(([query, status, message]) => [route, short(query), status, query, message] as const),
  );

  test.each(filterCases)(
    '%s?%s answers %i',
    async (route, _label, status, query, message) => {
      const res = await run({ route, query });
      expect(res.status).toBe(status);
      if (message) expect((await res.json()).error).toMatch(message);
      else await res.arrayBuffer();
    },
  );

  // [route, query, path value, status, message]: the parameters of one route.
  const ROUTE_CASES: [RoutePath, string, string | undefined, number, RegExp | null][] = [
    ['/api/events', 'cursor=abc', undefined, 400, /^cursor: not a cursor/],
    ['/api/events', `cursor=${Buffer.from('2023-09-20_3').toString('base64')}`, undefined, 400, /^cursor:/],
    ['/api/events', 'cursor=2023-09-20_99999999999', undefined, 400, /^cursor:/],
    ['/api/events', 'cursor=2023-09-20_2147483648', undefined, 400, /^cursor:/],
    ['/api/events', 'cursor=2023-09-20_2147483647', undefined, 200, null],
    ['/api/events', 'cursor=null_-1', undefined, 400, /^cursor:/],
    ['/api/events', 'cursor=null_9999999999', undefined, 400, /^cursor:/],
    ['/api/events', 'cursor=0000-01-01_1', undefined, 400, /^cursor:/],
    ['/api/events', 'cursor=2023-02-30_1', undefined, 400, /^cursor:/],
    ['/api/events', 'cursor=2023-13-01_1', undefined, 400, /^cursor:/],
    ['/api/events', 'cursor=', undefined, 200, null],
    ['/api/events', 'limit=0', undefined, 400, /^limit: must be a whole number from 1 to 100/],
    ['/api/events', 'limit=-1', undefined, 400, /^limit:/],
    ['/api/events', 'limit=101', undefined, 400, /^limit:/],
    ['/api/events', 'limit=1.5', undefined, 400, /^limit:/],
    ['/api/events', 'limit=1e2', undefined, 400, /^limit:/],
    ['/api/events', 'limit=99999999999999999999', undefined, 400, /^limit:/],
    ['/api/events', `limit=${encodeURIComponent('３０')}`, undefined, 400, /^limit:/],
    ['/api/events', 'limit=', undefined, 200, null],
    ['/api/events', 'limit=100', undefined, 200, null],
    ['/api/stats/countries', 'limit=251', undefined, 400, /^limit:/],
    ['/api/stats/matrix', 'limit=51', undefined, 400, /^limit:/],
    ['/api/events/[id]', '', 'abc', 400, /^id: must be a whole number/],
    ['/api/events/[id]', '', '-1', 400, /^id:/],
    ['/api/events/[id]', '', '9223372036854775808', 400, /^id:/],
    ['/api/events/[id]', '', '2147483648', 400, /^id:/],
    ['/api/events/[id]', '', '1.0', 400, /^id:/],
    ['/api/events/[id]', '', '', 400, /^id:/],
    ['/api/events/[id]', '', HUGE, 400, /^id:/],
    ['/api/events/[id]', '', '2147483647', 404, /no event/],
    ['/api/events/[id]', '', '0', 404, /no event/],
    ['/weekly/[week]/image.png', '', '2023-W99', 404, /^week: .* is not an ISO week/],
    ['/weekly/[week]/image.png', '', '2023-W00', 404, /^week:/],
    ['/weekly/[week]/image.png', '', '2023-W53', 404, /^week:/],
    ['/weekly/[week]/image.png', '', 'garbage', 404, /^week:/],
    ['/weekly/[week]/image.png', '', HUGE, 404, /^week:/],
    ['/weekly/[week]/image.png', 'size=__proto__', '2023-W38', 400, /^size: must be wide or square/],
    ['/weekly/[week]/image.png', 'size=toString', '2023-W38', 400, /^size:/],
    ['/weekly/[week]/image.png', 'size=', '2023-W38', 200, null],
    ['/api/events/export', 'format=xls', undefined, 400, /^format: must be csv or json/],
    ['/api/events/export', 'format=CSV', undefined, 400, /^format:/],
    ['/api/events/export', 'format=__proto__', undefined, 400, /^format:/],
    ['/api/events/export', 'format=', undefined, 200, null],
    ['/api/stats/over-time', 'bucket=decade', undefined, 400, /^bucket: must be one of day, week, month, quarter, year/],
    ['/api/stats/over-time', 'bucket=Quarter', undefined, 400, /^bucket: must be one of/],
    ['/api/stats/over-time', 'bucket=auto', undefined, 400, /^bucket: must be one of/],
    ['/api/stats/over-time', 'bucket=year', undefined, 200, null],
    ['/api/stats/over-time', 'bucket=quarter&from=1900-01-01&to=2100-12-31', undefined, 200, null],
    ['/api/chart/[name]', 'bucket=decade', 'over-time', 400, /^bucket: must be one of/],
    ['/api/chart/[name]', 'bucket=day&from=2021-01-01&to=2023-12-31', 'over-time', 400, /^bucket: day buckets cover at most \d+ days/],
    ['/api/chart/[name]', 'bucket=quarter', 'over-time', 200, null],
    ['/api/stats/over-time', 'bucket=__proto__', undefined, 400, /^bucket:/],
    ['/api/stats/over-time', 'bucket=', undefined, 200, null],
    ['/api/stats/over-time', 'bucket=day', undefined, 200, null],
    ['/api/stats/over-time', 'bucket=day&from=2022-01-01&to=2023-12-31', undefined, 200, null],
    ['/api/stats/over-time', 'bucket=day&from=2021-01-01&to=2023-12-31', undefined, 400, /^bucket: day buckets cover at most \d+ days/],
    ['/api/stats/over-time', 'bucket=day&from=1900-01-01', undefined, 400, /^bucket: day buckets/],
    ['/api/stats/over-time', 'bucket=day&to=2100-12-31', undefined, 400, /^bucket: day buckets/],
    ['/api/stats/over-time', 'bucket=week&from=2000-01-01&to=2019-12-31', undefined, 200, null],
    ['/api/stats/over-time', 'bucket=week&from=1900-01-01&to=2100-12-31', undefined, 400, /^bucket: week buckets cover at most \d+ days/],
    ['/api/stats/over-time', 'bucket=month&from=1900-01-01&to=2100-12-31', undefined, 200, null],
    ['/api/stats/over-time', 'from=1900-01-01&to=2100-12-31', undefined, 200, null],
  ];

  test.each(ROUTE_CASES.map(([route, query, pathValue, status, message]) => [route, short(query), short(pathValue ?? ''), status, query, pathValue, message] as const))(
    '%s?%s [%s] answers %i',
    async (route, _q, _p, status, query, pathValue, message) => {
      const res = await run({ route, query, pathValue });
      expect(res.status).toBe(status);
      if (message) expect((await res.json()).error).toMatch(message);
      else await res.arrayBuffer();
    },
  );

  test('the day buckets an open range needs are counted from the data it holds', async () => {
    const res = await run({ route: '/api/stats/over-time', query: 'bucket=day' });
    expect((await res.json()).bucket).toBe('day');
  });

  test('a 400 lists a few of the issues, not one per item of a huge list', async () => {
    const res = await run({ route: '/api/stats/topics', query: `country=${list('ZZ', 10_000)}` });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.issues.length).toBeLessThanOrEqual(10);
  });

  test('a database that cannot serve is a 503 that says what to do, and names no host, port, path or driver', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5499'), { code: 'ECONNREFUSED', address: '127.0.0.1', port: 5499 });
      const diskFull = Object.assign(new Error('could not write to file "base/pgsql_tmp/pgsql_tmp1.0": No space left on device'), { code: '53100', severity: 'ERROR' });
      for (const [err, message, retry] of [
        [refused, /^the database is unavailable: it cannot be reached right now; retry shortly$/, '5'],
        [diskFull, /^the database is unavailable: no space left on the device holding the database \(the server\); retry once space has been freed$/, '30'],
      ] as const) {
        const res = await cachedRead(new Request('http://localhost/x'), async () => {
          throw err;
        });
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe(retry);
        const text = await res.text();
        expect(Object.keys(JSON.parse(text))).toEqual(['error']);
        expect(JSON.parse(text).error).toMatch(message);
        expect(text).not.toMatch(/127\.0\.0\.1|5499|ECONN|pgsql_tmp|53100|PGlite|PostgreSQL/);
      }
      // What the answers leave out is in the server's log.
      expect(log.mock.calls.flat().filter((a) => a === refused || a === diskFull)).toEqual([refused, diskFull]);
    } finally {
      log.mockRestore();
    }
  });

  test('a page whose database cannot serve says what to do and names no host, port, path or driver', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5499'), { code: 'ECONNREFUSED', address: '127.0.0.1', port: 5499 });
      const diskFull = Object.assign(new Error('could not write to file "base/pgsql_tmp/pgsql_tmp1.0": No space left on device'), { code: '53100', severity: 'ERROR' });
      for (const [err, message] of [
        [refused, /^the database is unavailable: it cannot be reached right now; retry shortly$/],
        [diskFull, /^the database is unavailable: no space left on the device holding the database \(the server\); retry once space has been freed$/],
      ] as const) {
        const view = await pageRead(async () => {
          throw err;
        });
        expect(view).toEqual({ away: 'unavailable', message: expect.stringMatching(message) });
        expect(JSON.stringify(view)).not.toMatch(/127\.0\.0\.1|5499|ECONN|pgsql_tmp|53100|PGlite|PostgreSQL/);
      }
      expect(log.mock.calls.flat().filter((a) => a === refused || a === diskFull)).toEqual([refused, diskFull]);
    } finally {
      log.mockRestore();
    }
  });

  test('a failure inside a route is a JSON 500 with a generic message and no detail', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const thrown = await cachedRead(new Request('http://localhost/x'), async () => {
        throw new TypeError('secret detail at /srv/app/query.ts:12');
      });
      expect(thrown.status).toBe(500);
      const body = await thrown.json();
      expect(body).toEqual({ error: 'internal error' });

      const failedSql = await cachedRead(new Request('http://localhost/x'), async (db) => {
        await sql`select 1 / 0`.execute(db);
        return Response.json({});
      });
      expect(failedSql.status).toBe(500);
      expect(await failedSql.json()).toEqual({ error: 'internal error' });
    } finally {
      quiet.mockRestore();
    }
  });
});
