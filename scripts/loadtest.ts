// npm run loadtest [-- --quick] [--posts 100000] [--seconds 30] [--out RELIABILITY.md] [--only server|embedded] [--keep | --database URL]
//
// Loads a production build with the synthetic corpus (scripts/bench/corpus.ts, seed 1), on each
// database in turn: a database of its own on the PostgreSQL server of DATABASE_URL (default
// postgres://postgres@127.0.0.1:5432/test), then an embedded one in a temporary folder. On each it
// sends, with autocannon, from this process to the server at 127.0.0.1 only:
//
//   1. the API mix (the dashboard's JSON reads) at 50 and at 200 connections, and
//   2. the page and picture mix (dashboards, event pages, weekly pages, weekly PNGs, link
//      previews) at 50 and at 200 connections: every answer must be a 2xx, every page with its
//      data in it (not the "database is unavailable" or "busy" message), no socket errors;
//   3. the API mix at 10 connections alone, then again beside 12 connections that ask for nothing
//      but pictures: the API's median with the pictures must stay within twice its median alone;
//   4. 1,000 connections of the API mix, more than the server can answer: every answer a 2xx or a
//      503 (turned away by lib/server/admission.ts), the server still up, and its health check answering
//      200 again within a minute.
//
// Each phase is bounded in time (--seconds) and in requests (autocannon's maxOverallRequests). It
// prints the tables and writes them to the "Load" section of RELIABILITY.md (between the load
// markers; the rest of the file is left alone) and exits 1 if a phase fails. --quick is 10,000
// posts and 10 s phases, printed only (or written to --out FILE). --keep leaves the server
// database for a later --database URL, which skips generating and ingesting it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { createDb, type Database } from '@/db';
import { encodeCursor } from '@/db/queries/events';
import { countsByCountry, countsByTopic } from '@/db/queries/stats';
import { DRAW_LIMITS, EMBEDDED_LIMITS, SERVER_LIMITS, type AdmissionLimits } from '@/lib/server/admission';
import { generateCorpus, mulberry32 } from '@/scripts/bench/corpus';
import { fmtInt, fmtMs, percentile } from '@/scripts/bench/stats';
import { EMPTY_FILTERS } from '@/lib/domain/filters';
import { startAppServer, type AppServer } from '@/scripts/testing/app-server';
import { serverDatabase } from '@/scripts/testing/server-db';
import { isoWeekOf } from '@/lib/domain/calendar';

const ROOT = process.cwd();
const SERVER = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
/** The web app's pg pool size (db/index.ts): the most connections it should ever hold. */
const POOL_SIZE = 10;
const START = '<!-- load:start -->';
const END = '<!-- load:end -->';
/** autocannon's limit on one request, s: past it a request counts as a timeout. */
const TIMEOUT_S = 10;
/** The API's median beside 12 picture clients may be at most this many times its median alone. */
const PNG_SLOWDOWN_LIMIT = 2;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    posts: { type: 'string' },
    seconds: { type: 'string' },
    out: { type: 'string' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    database: { type: 'string' },
  },
});
const POSTS = Number(values.posts ?? (values.quick ? 10_000 : 100_000));
const SECONDS = Number(values.seconds ?? (values.quick ? 10 : 30));
if (!Number.isInteger(POSTS) || POSTS < 100 || !Number.isInteger(SECONDS) || SECONDS < 1 || SECONDS > 600) {
  console.error('loadtest: --posts takes a whole number ≥ 100, --seconds a whole number from 1 to 600');
  process.exit(2);
}
if (values.database && !/^postgres(ql)?:\/\//.test(values.database)) {
  console.error('loadtest: --database takes a postgres:// URL');
  process.exit(2);
}
if (values.only && !['server', 'embedded'].includes(values.only)) {
  console.error('loadtest: --only takes server or embedded');
  process.exit(2);
}
const KINDS = (values.only ? [values.only] : ['server', 'embedded']) as DbKind[];
// A quick run is for trying the test out: its figures would replace the real ones.
const OUT = values.out ?? (values.quick ? null : 'RELIABILITY.md');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type DbKind = 'server' | 'embedded';

// ---------------------------------------------------------------------------------------------
// The databases

async function writeCorpus(file: string): Promise<void> {
  const out = fs.createWriteStream(file);
  for (const p of generateCorpus({ posts: POSTS, seed: 1 })) {
    const line = `${JSON.stringify({ id: p.id, date: p.date, channel: p.channel, lang: p.lang, text: p.text })}\n`;
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

/** The environment that points the commands at one database and at no other. */
function dbEnv(target: Target): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.DATABASE_URL_WRITE;
  delete env.SIDELINES_DATA_DIR;
  if (target.url) env.DATABASE_URL = target.url;
  if (target.dataDir) env.SIDELINES_DATA_DIR = target.dataDir;
  return env;
}

async function ingest(file: string, target: Target): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', file, '--json'], {
    cwd: ROOT,
    env: dbEnv(target),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise<number>((r) => child.on('exit', (c) => r(c ?? 1)));
  if (code !== 0) throw new Error(`ingest failed: ${err.trim().split('\n').pop()}`);
}

interface Target {
  kind: DbKind;
  url?: string;
  dataDir?: string;
  drop: () => Promise<void>;
  /** Already loaded (--database): nothing to generate or ingest. */
  loaded: boolean;
}

async function makeTarget(kind: DbKind, tmp: string): Promise<Target> {
  if (kind === 'embedded') {
    const dataDir = fs.mkdtempSync(path.join(tmp, 'embedded-'));
    return { kind, dataDir, loaded: false, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  if (values.database) {
    console.log(`using ${new URL(values.database).pathname.slice(1)} as it is`);
    return { kind, url: values.database, loaded: true, drop: async () => {} };
  }
  const db = await serverDatabase(SERVER, 'sidelines_load');
  return { kind, url: db.url, loaded: false, drop: values.keep ? async () => console.log(`kept: --database ${db.url}`) : db.drop };
}

// ---------------------------------------------------------------------------------------------
// The requests

const Q_WORDS = ['energy', 'sanctions', 'nuclear', 'terrorism', 'logistics', 'Ukraine', 'санкций', 'энергетика', 'Устава ООН'];

interface Ask {
  path: string;
  /** Which endpoint or page it asks. */
  kind: string;
}

interface Mix {
  name: string;
  next: () => Ask;
  /** For a page: whether its answer holds its data, not a message that the database is away. */
  hasData?: (kind: string, body: string) => boolean;
}

interface Corpus {
  events: number;
  countries: string[];
  topics: string[];
  years: [number, number];
  /** Cursors at 1%, 10%, 50% and 90% of the way down the timeline. */
  cursors: string[];
  /** Some events' ids and some weeks with events, for the pages. */
  eventIds: number[];
  weeks: string[];
}

async function readCorpus(target: Target): Promise<Corpus> {
  const db: Kysely<Database> = await createDb(target.url ? { url: target.url, poolMax: 1 } : { dataDir: target.dataDir });
  try {
    const events = Number((await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const countries = (await countsByCountry(db, EMPTY_FILTERS, 20)).map((c) => c.code);
    const topics = (await countsByTopic(db, EMPTY_FILTERS, 10)).map((t) => t.code);
    const bounds = await db.selectFrom('events').select((eb) => [eb.fn.min('date').as('a'), eb.fn.max('date').as('b')]).executeTakeFirstOrThrow();
    const cursors: string[] = [];
    const eventIds: number[] = [];
    const weeks = new Set<string>();
    for (const at of [0.01, 0.1, 0.5, 0.9]) {
      const row = await db
        .selectFrom('events')
        .select(['id', 'date'])
        .orderBy('date', (ob) => ob.desc().nullsLast())
        .orderBy('id', 'desc')
        .offset(Math.floor(events * at))
        .limit(1)
        .executeTakeFirst();
      if (row) cursors.push(encodeCursor({ date: row.date, id: row.id }));
    }
    // Every 97th event: spread over the whole timeline.
    const sampled = await db.selectFrom('events').select(['id', 'date']).where(sql<boolean>`id % 97 = 0`).limit(300).execute();
    for (const e of sampled) {
      eventIds.push(e.id);
      if (e.date) weeks.add(isoWeekOf(e.date).code);
    }
    return {
      events,
      countries,
      topics,
      years: [Number(String(bounds.a ?? '2014').slice(0, 4)), Number(String(bounds.b ?? '2023').slice(0, 4))],
      cursors,
      eventIds,
      weeks: [...weeks],
    };
  } finally {
    await db.destroy();
  }
}

type Pick = <T>(xs: readonly T[]) => T;

/** Picks from non-empty lists with the generator `r`, one draw of it a pick. */
function picker(r: () => number): Pick {
  return (xs) => {
    const x = xs[Math.floor(r() * xs.length)];
    if (x === undefined) throw new RangeError('cannot pick from an empty list');
    return x;
  };
}

/** One of seven filter sets: all time, a year, a month, a country, a topic, contact types, a combination. */
function filterSets(c: Corpus, pick: Pick, r: () => number): () => string {
  return () => {
    const y = c.years[0] + Math.floor(r() * (c.years[1] - c.years[0] + 1));
    return pick([
      '',
      `from=${y}-01-01&to=${y}-12-31`,
      `from=${y}-03-01&to=${y}-03-31`,
      c.countries.length ? `country=${pick(c.countries)}` : '',
      c.topics.length ? `topic=${pick(c.topics)}` : '',
      'type=meeting,phone_call',
      c.countries.length && c.topics.length ? `from=${y}-01-01&country=${pick(c.countries)}&topic=${pick(c.topics)}` : '',
    ]);
  };
}

const q = (f: string) => (f ? `?${f}` : '');
const amp = (f: string) => (f ? `&${f}` : '');

/** Draws from weighted choices with the generator `r`. */
function weighted<T>(r: () => number, choices: [number, T][]): () => T {
  const total = choices.reduce((a, [w]) => a + w, 0);
  return () => {
    let x = r() * total;
    for (const [w, v] of choices) if ((x -= w) < 0) return v;
    // Rounding can leave x just past the last weight: that is the last choice.
    const last = choices[choices.length - 1];
    if (!last) throw new RangeError('weighted needs at least one choice');
    return last[1];
  };
}

/**
 * What a dashboard asks for: each chart's stats, timeline pages at several depths, and full-text
 * searches, in equal shares. No request carries If-None-Match, so every one runs its queries: a
 * revalidation would be answered 304 from the data version alone.
 */
function apiMix(c: Corpus, seed: number): Mix {
  const r = mulberry32(seed);
  const pick = picker(r);
  const filters = filterSets(c, pick, r);
  const endpoints: [string, (f: string) => string][] = [
    ['headline', (f) => `/api/stats/headline${q(f)}`],
    ['countries', (f) => `/api/stats/countries${q(f)}`],
    ['organizations', (f) => `/api/stats/organizations${q(f)}`],
    ['topics', (f) => `/api/stats/topics${q(f)}`],
    ['over time', (f) => `/api/stats/over-time${q(f)}`],
    ['matrix', (f) => `/api/stats/matrix${q(f)}`],
    ['timeline, first page', (f) => `/api/events?limit=30${amp(f)}`],
    ['timeline, later page', (f) => `/api/events?limit=30${c.cursors.length ? `&cursor=${pick(c.cursors)}` : ''}${amp(f)}`],
    ['full-text search', (f) => `/api/events?limit=30&q=${encodeURIComponent(pick(Q_WORDS))}${amp(f)}`],
  ];
  return {
    name: 'API',
    next: () => {
      const [kind, make] = pick(endpoints);
      return { kind, path: make(filters()) };
    },
  };
}

/** The marks of a page rendered with its data (app/page.tsx, app/events/[id], app/weekly/[week]). */
const DATA_MARKS: Record<string, RegExp> = {
  dashboard: /class="corpus num"/,
  'event page': /data-testid="event"/,
  'weekly page': /data-testid="weekly-card"/,
};

/**
 * What people and link unfurlers open: the dashboard (whose first view is read on the server),
 * event pages, weekly pages, and the pictures: weekly PNGs and link previews, one request in ten.
 */
function pageMix(c: Corpus, seed: number): Mix {
  const r = mulberry32(seed);
  const pick = picker(r);
  const filters = filterSets(c, pick, r);
  const week = () => (c.weeks.length ? pick(c.weeks) : '2023-W38');
  const next = weighted<() => Ask>(r, [
    [30, () => ({ kind: 'dashboard', path: `/${q(filters())}` })],
    [30, () => ({ kind: 'event page', path: `/events/${c.eventIds.length ? pick(c.eventIds) : 1}` })],
    [30, () => ({ kind: 'weekly page', path: `/weekly/${week()}${q(pick(['', 'type=meeting,phone_call']))}` })],
    [5, () => ({ kind: 'weekly PNG', path: `/weekly/${week()}/image.png` })],
    [5, () => ({ kind: 'preview PNG', path: `/api/preview${q(filters())}` })],
  ]);
  return {
    name: 'pages and PNGs',
    next: () => next()(),
    hasData: (kind, body) => !DATA_MARKS[kind] || DATA_MARKS[kind].test(body),
  };
}

/** Nothing but pictures: weekly PNGs (both sizes) and link previews, over varied weeks and filters. */
function pngMix(c: Corpus, seed: number): Mix {
  const r = mulberry32(seed);
  const pick = picker(r);
  const filters = filterSets(c, pick, r);
  const week = () => (c.weeks.length ? pick(c.weeks) : '2023-W38');
  const next = weighted<() => Ask>(r, [
    [2, () => ({ kind: 'weekly PNG', path: `/weekly/${week()}/image.png` })],
    [1, () => ({ kind: 'weekly PNG', path: `/weekly/${week()}/image.png?size=square` })],
    [2, () => ({ kind: 'preview PNG', path: `/api/preview${q(filters())}` })],
  ]);
  return { name: 'PNGs', next: () => next()() };
}

// ---------------------------------------------------------------------------------------------
// Watching the server and PostgreSQL

/** The process listening on `port` (Linux: from /proc), to tell afterwards whether it is still there. */
function listenerPid(port: number): number | null {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length > 9 && cols[1]!.endsWith(hex) && cols[3] === '0A') inodes.add(cols[9]!);
    }
  }
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) return Number(pid);
      } catch {
        // closed meanwhile
      }
    }
  }
  return null;
}

function isRunning(pid: number): boolean {
  try {
    return !/\)\s+Z\s/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Peak resident memory of a process so far, MB. */
function peakRssMb(pid: number | null): number {
  if (pid === null) return NaN;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

interface Connections {
  /** Most sessions on the load test's database at once. */
  app: number;
  /** Most sessions on the whole server at once, its own background processes included. */
  all: number;
  samples: number;
}

/** The row of a query that always answers one: an aggregate, a SHOW. */
function oneRow<T>(rows: T[]): T {
  const row = rows[0];
  if (row === undefined) throw new Error('the query answered no row');
  return row;
}

/** Counts the server's sessions every 100 ms until stopped, and for no longer than `maxMs`. */
function sampleConnections(admin: pg.Client, database: string, maxMs: number): { stop: () => Promise<Connections> } {
  const seen: Connections = { app: 0, all: 0, samples: 0 };
  let stopped = false;
  const until = performance.now() + maxMs;
  const loop = (async () => {
    while (!stopped && performance.now() < until) {
      const { rows } = await admin.query<{ all: number; app: number }>(
        'select count(*)::int as all, (count(*) filter (where datname = $1))::int as app from pg_stat_activity',
        [database],
      );
      const row = oneRow(rows);
      seen.all = Math.max(seen.all, row.all);
      seen.app = Math.max(seen.app, row.app);
      seen.samples++;
      await sleep(100);
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return seen;
    },
  };
}

/** The kernel's TCP counters (Linux), for the connections a full accept queue turned away. */
function tcpCounters(): Map<string, number> {
  const out = new Map<string, number>();
  try {
    const [keys, vals] = fs
      .readFileSync('/proc/net/netstat', 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('TcpExt:'))
      .map((l) => l.trim().split(/\s+/).slice(1));
    keys?.forEach((k, i) => out.set(k, Number(vals?.[i])));
  } catch {
    // not Linux
  }
  return out;
}

async function health(base: string): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(15_000) });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - t0 };
  } catch {
    return { status: 0, ms: performance.now() - t0 };
  }
}

/**
 * The first health check that answers 200 after an overload, and how long after its end it came
 * (ms): the server works off what it accepted before it can answer again. A minute at most.
 */
async function recovery(base: string): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  let h = await health(base);
  while (h.status !== 200 && performance.now() - t0 < 60_000) {
    await sleep(500);
    h = await health(base);
  }
  return { status: h.status, ms: performance.now() - t0 };
}

/**
 * Waits, at most a minute, until the server has worked off what the last phase left it (requests
 * a client gave up on are still answered): three health checks in a row each answered within
 * 200 ms. The next phase then measures its own load, not the last one's.
 */
async function settle(base: string): Promise<void> {
  const until = performance.now() + 60_000;
  let quick = 0;
  while (quick < 3 && performance.now() < until) {
    const h = await health(base);
    quick = h.status === 200 && h.ms < 200 ? quick + 1 : 0;
    await sleep(250);
  }
}

// ---------------------------------------------------------------------------------------------
// Load

interface Stats {
  mix: string;
  connections: number;
  seconds: number;
  byStatus: Map<number, number>;
  /** Response times of the 2xx and of the 503 answers, ms. */
  ok: number[];
  shed: number[];
  /** 2xx response times by endpoint or page. */
  okByKind: Map<string, number[]>;
  sent: Map<string, number>;
  /** Answers of any status by endpoint or page: what was sent and never answered timed out. */
  answered: Map<string, number>;
  /** Pages answered without their data (the "database is away" or "busy" message). */
  withoutData: Map<string, number>;
  /** Socket errors and timeouts, by code. */
  errors: Map<string, number>;
  timeouts: number;
}

/** The only host load is sent to: the server this script started. */
function assertLocal(base: string): void {
  if (new URL(base).hostname !== '127.0.0.1') throw new Error(`load goes to 127.0.0.1 only, not ${base}`);
}

/** `connections` clients asking `mix` for `seconds`, and for at most a bounded number of requests. */
async function load(base: string, connections: number, seconds: number, mix: Mix): Promise<Stats> {
  assertLocal(base);
  const stats: Stats = {
    mix: mix.name,
    connections,
    seconds,
    byStatus: new Map(),
    ok: [],
    shed: [],
    okByKind: new Map(),
    sent: new Map(),
    answered: new Map(),
    withoutData: new Map(),
    errors: new Map(),
    timeouts: 0,
  };
  // autocannon reads a response's body (onResponse) just before it reports its time ('response'):
  // the kind is handed from one to the other through this.
  let answered = '';
  const t0 = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        // Far more than the server can answer in the time: a bound, should it answer faster.
        maxOverallRequests: Math.max(connections, seconds * 5_000),
        timeout: TIMEOUT_S,
        requests: [
          {
            method: 'GET',
            setupRequest: (req, context: object) => {
              const next = mix.next();
              (context as { kind?: string }).kind = next.kind;
              stats.sent.set(next.kind, (stats.sent.get(next.kind) ?? 0) + 1);
              return { ...req, path: next.path };
            },
            onResponse: (status: number, body: string, context: object) => {
              answered = (context as { kind?: string }).kind ?? '';
              stats.answered.set(answered, (stats.answered.get(answered) ?? 0) + 1);
              if (status === 200 && mix.hasData && !mix.hasData(answered, body)) {
                stats.withoutData.set(answered, (stats.withoutData.get(answered) ?? 0) + 1);
              }
            },
          },
        ],
      },
      (err: unknown, res) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      stats.byStatus.set(status, (stats.byStatus.get(status) ?? 0) + 1);
      if (status >= 200 && status < 300) {
        stats.ok.push(ms);
        const byKind = stats.okByKind.get(answered) ?? [];
        byKind.push(ms);
        stats.okByKind.set(answered, byKind);
      } else if (status === 503) stats.shed.push(ms);
    });
    instance.on('reqError', (err: unknown) => {
      const code = (err as { code?: string } | null)?.code ?? (err instanceof Error ? err.message : String(err));
      stats.errors.set(code, (stats.errors.get(code) ?? 0) + 1);
    });
  });
  stats.timeouts = result.timeouts;
  stats.seconds = (performance.now() - t0) / 1000;
  return stats;
}

const count = (p: Stats, test: (status: number) => boolean) => [...p.byStatus].filter(([s]) => test(s)).reduce((n, [, c]) => n + c, 0);
const okCount = (p: Stats) => count(p, (s) => s >= 200 && s < 300);
const allCount = (p: Stats) => count(p, () => true);
const errorCount = (p: Stats) => [...p.errors.values()].reduce((a, b) => a + b, 0);
const withoutData = (p: Stats) => [...p.withoutData.values()].reduce((a, b) => a + b, 0);
const describeCounts = (m: Map<string | number, number>) => [...m].map(([k, n]) => `${fmtInt(n)} ${k}`).join(', ');

/** A phase by endpoint or page, on the console: where the time and the timeouts went. */
function printKinds(p: Stats): void {
  for (const [kind, n] of [...p.sent].sort(([a], [b]) => a.localeCompare(b))) {
    const ok = p.okByKind.get(kind) ?? [];
    const unanswered = n - (p.answered.get(kind) ?? 0);
    console.log(`    ${kind.padEnd(22)} sent ${fmtInt(n).padStart(6)}  2xx ${fmtInt(ok.length).padStart(6)}  p50 ${fmtMs(percentile(ok, 50)).padStart(6)} ms  p99 ${fmtMs(percentile(ok, 99)).padStart(6)} ms  unanswered ${fmtInt(unanswered)}`);
  }
}

/** What made a phase that must answer everything with its data fail, if anything did. */
function strictFailures(p: Stats): string[] {
  const notOk = allCount(p) - okCount(p);
  return [
    errorCount(p) ? `${fmtInt(errorCount(p))} socket errors (${describeCounts(p.errors)})` : '',
    notOk ? `${fmtInt(notOk)} answers not a 2xx (${[...p.byStatus].filter(([s]) => s < 200 || s >= 300).map(([s, n]) => `${fmtInt(n)} × ${s}`).join(', ')})` : '',
    withoutData(p) ? `${fmtInt(withoutData(p))} pages without their data (${describeCounts(p.withoutData)})` : '',
  ].filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// One database

interface DbRun {
  kind: DbKind;
  events: number;
  /** The ISO weeks with events: what the weekly pages and pictures are drawn from. */
  weeks: number;
  posts: number;
  postgres: string;
  limits: AdmissionLimits;
  phases: { stats: Stats; failures: string[]; pg: Connections | null }[];
  png: { alone: Stats; beside: Stats; pictures: Stats; failures: string[] };
  overload: { stats: Stats; failures: string[]; pg: Connections | null; listenDrops: number; synRetransmits: number; health: { status: number; ms: number }; alive: boolean; rssMb: number };
  load: { before: number[]; after: number[] };
}

async function runDatabase(kind: DbKind, tmp: string): Promise<DbRun> {
  const target = await makeTarget(kind, tmp);
  let app: AppServer | null = null;
  const admin = kind === 'server' ? new pg.Client({ connectionString: SERVER }) : null;
  try {
    if (!target.loaded) {
      const file = path.join(tmp, 'corpus.jsonl');
      if (!fs.existsSync(file)) {
        const t0 = performance.now();
        await writeCorpus(file);
        console.log(`generated ${fmtInt(POSTS)} posts (seed 1) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      }
      const t0 = performance.now();
      await ingest(file, target);
      console.log(`${kind}: ingested them in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const corpus = await readCorpus(target);
    let postgres = 'PGlite (embedded)';
    let maxConnections = NaN;
    let database = '';
    if (admin) {
      await admin.connect();
      database = new URL(target.url!).pathname.slice(1);
      maxConnections = Number(oneRow((await admin.query<{ max_connections: string }>('show max_connections')).rows).max_connections);
      postgres = `PostgreSQL ${oneRow((await admin.query<{ server_version: string }>('show server_version')).rows).server_version.split(' ')[0]} (max_connections ${maxConnections})`;
    }
    const watch = (seconds: number) => (admin ? sampleConnections(admin, database, (seconds + 15) * 1000) : null);

    console.log(`${kind}: starting the production server (building it first if the build is stale) ...`);
    app = await startAppServer({ database: { url: target.url, dataDir: target.dataDir } });
    assertLocal(app.url);
    const port = Number(new URL(app.url).port);
    const pid = listenerPid(port);
    console.log(`${kind}: serving at ${app.url}${pid ? ` (process ${pid})` : ''}, ${fmtInt(corpus.events)} events`);

    // Compiled code paths, a warm pool, the drawing thread and warm caches before anything is measured.
    await load(app.url, 10, values.quick ? 3 : 5, apiMix(corpus, 1));
    await load(app.url, 10, values.quick ? 3 : 5, pageMix(corpus, 2));
    const before = os.loadavg();

    const phases: DbRun['phases'] = [];
    let seed = 10;
    for (const [mix, connections] of [
      [apiMix, 50],
      [apiMix, 200],
      [pageMix, 50],
      [pageMix, 200],
    ] as const) {
      await settle(app.url);
      const m = mix(corpus, seed++);
      console.log(`${kind}: ${m.name} at ${connections} connections for ${SECONDS} s ...`);
      const sampler = watch(SECONDS);
      const stats = await load(app.url, connections, SECONDS, m);
      const pgSeen = sampler ? await sampler.stop() : null;
      const failures = strictFailures(stats);
      if (pgSeen && pgSeen.app > POOL_SIZE) failures.push(`${pgSeen.app} sessions on its database, more than the pool's ${POOL_SIZE}`);
      printKinds(stats);
      phases.push({ stats, failures, pg: pgSeen });
    }

    await settle(app.url);
    console.log(`${kind}: the API at 10 connections alone, then beside 12 picture clients, ${SECONDS} s each ...`);
    const alone = await load(app.url, 10, SECONDS, apiMix(corpus, seed++));
    await settle(app.url);
    const [beside, pictures] = await Promise.all([load(app.url, 10, SECONDS, apiMix(corpus, seed++)), load(app.url, 12, SECONDS, pngMix(corpus, seed++))]);
    const slowdown = percentile(beside.ok, 50) / percentile(alone.ok, 50);
    const pngFailures = [
      ...strictFailures(alone).map((f) => `API alone: ${f}`),
      ...strictFailures(beside).map((f) => `API beside the pictures: ${f}`),
      ...strictFailures(pictures).map((f) => `pictures: ${f}`),
      !(slowdown <= PNG_SLOWDOWN_LIMIT) ? `the API's median beside the pictures is ${slowdown.toFixed(2)}× its median alone (at most ${PNG_SLOWDOWN_LIMIT}×)` : '',
    ].filter(Boolean);

    await settle(app.url);
    console.log(`${kind}: the API at 1,000 connections for ${SECONDS} s ...`);
    const tcp0 = tcpCounters();
    const sampler = watch(SECONDS);
    const over = await load(app.url, 1_000, SECONDS, apiMix(corpus, seed++));
    const pgSeen = sampler ? await sampler.stop() : null;
    const tcp1 = tcpCounters();
    const delta = (k: string) => (tcp1.get(k) ?? NaN) - (tcp0.get(k) ?? NaN);
    const after = await recovery(app.url);
    const alive = pid === null ? after.status === 200 : isRunning(pid) && listenerPid(port) === pid;
    const other = [...over.byStatus].filter(([s]) => !(s >= 200 && s < 300) && s !== 503);
    const overFailures = [
      other.length ? `answers other than 2xx and 503: ${other.map(([s, n]) => `${fmtInt(n)} × ${s}`).join(', ')}` : '',
      after.status !== 200 ? `the health check answered ${after.status || 'nothing'} for a minute after it` : '',
      !alive ? 'the server process is gone' : '',
      pgSeen && pgSeen.app > POOL_SIZE ? `${pgSeen.app} sessions on its database, more than the pool's ${POOL_SIZE}` : '',
      pgSeen && pgSeen.all >= maxConnections ? `PostgreSQL reached max_connections (${maxConnections})` : '',
    ].filter(Boolean);
    return {
      kind,
      events: corpus.events,
      weeks: corpus.weeks.length,
      posts: POSTS,
      postgres,
      limits: kind === 'server' ? SERVER_LIMITS : EMBEDDED_LIMITS,
      phases,
      png: { alone, beside, pictures, failures: pngFailures },
      overload: {
        stats: over,
        failures: overFailures,
        pg: pgSeen,
        listenDrops: delta('ListenDrops'),
        synRetransmits: delta('TCPSynRetrans'),
        health: after,
        alive,
        rssMb: peakRssMb(pid),
      },
      load: { before, after: os.loadavg() },
    };
  } finally {
    await app?.stop();
    await admin?.end().catch(() => {});
    await target.drop();
  }
}

// ---------------------------------------------------------------------------------------------
// The report

const la = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
const p = (xs: number[], q: number) => fmtMs(percentile(xs, q));

function report(runs: DbRun[], startLoad: number[]): string[] {
  const lines: string[] = [];
  const say = (s = '') => {
    console.log(s);
    lines.push(s);
  };
  const cpu = os.cpus();
  say(
    `Measured by \`npm run loadtest${values.quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}: ${cpu.length} cores (${cpu[0]?.model.trim()}), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. A production build (\`next start\`) on ${fmtInt(POSTS)} synthetic posts ` +
      `(\`npm run gen\`, seed 1; ${runs.map((r) => `${fmtInt(r.events)} events`)[0]}), on ${runs.map((r) => r.postgres).join(' and on ')}, on the same machine. ` +
      `The load comes from autocannon in one process on the same ${cpu.length} cores and goes to 127.0.0.1 only, so the server, the database and the load share them. ` +
      `Load average (1, 5, 15 min) when the run began: ${la(startLoad)}${runs.map((r) => `; ${r.kind}: ${la(r.load.before)} before its phases, ${la(r.load.after)} after`).join('')}.`,
  );
  say('');
  say(
    'The API mix: the dashboard\'s JSON reads (headline, counts by country, organisation and topic, over time, the country × topic matrix, ' +
      'timeline pages from the first to 90% of the way down, full-text search in English and Russian) in equal shares, each over one of seven ' +
      'filter sets (all time, a year, a month, a country, a topic, contact types, a combination). The page and PNG mix: the dashboard over the ' +
      'same filters (its first view is read on the server: 8 reads), event pages and weekly pages, 30% each, weekly PNGs and link previews 5% ' +
      'each. No request sends If-None-Match. The server keeps what it answered until the data changes (lib/server/memo.ts: 1,000 JSON answers, the data of ' +
      '500 page views, 64 pictures): the dashboard reads and dashboard pages over the seven filter sets come from it once asked for, while event ' +
      `pages (of ${fmtInt(runs[0]?.events ?? 0)} events), weekly pages and pictures (of ${fmtInt(runs[0]?.weeks ?? 0)} weeks) are mostly read and drawn. A page counts only with its data in it, not with the message that ` +
      'the database is away or the server busy.',
  );
  say('');
  for (const r of runs) {
    say(
      `Admission (lib/server/admission.ts), ${r.kind}: ${r.limits.concurrency} request${r.limits.concurrency === 1 ? '' : 's'} read the database at once` +
        `${r.kind === 'server' ? " (the pg pool's size)" : ' (PGlite is one connection, in a thread of its own: one request runs its query while the other runs its code between queries)'}, ${r.limits.queue} more wait in order for at most ` +
        `${r.limits.maxWaitMs / 1000} s, and any further request is answered 503 with Retry-After at once.`,
    );
  }
  say(
    `Pictures are read in a slot and drawn after it is given back, one at a time in a queue of their own (${DRAW_LIMITS.queue} waiting, at most ` +
      `${DRAW_LIMITS.maxWaitMs / 1000} s) in a worker thread below the main thread's priority (lib/server/draw.ts). A picture drawn is kept until the data ` +
      'changes (the 64 most recently used, lib/server/picture-route.ts): one asked for again is not drawn again. The weeks and filters of the pictures are ' +
      'drawn at random from every week of the corpus, so most of the pictures asked for during a phase are drawn.',
  );
  say('');
  say('| database | mix | connections | seconds | answers/s | 2xx p50 ms | 2xx p95 ms | 2xx p99 ms | 2xx | 503 | other | pages without data | timeouts (10 s) | other socket errors | PG sessions, app (pool) |');
  say('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of runs) {
    for (const { stats: s, pg: seen } of [...r.phases, { stats: r.overload.stats, pg: r.overload.pg }]) {
      const all = allCount(s);
      const ok = okCount(s);
      say(
        `| ${r.kind} | ${s.mix} | ${fmtInt(s.connections)} | ${s.seconds.toFixed(1)} | ${fmtInt(all / s.seconds)} | ${p(s.ok, 50)} | ${p(s.ok, 95)} | ${p(s.ok, 99)} | ` +
          `${fmtInt(ok)} | ${fmtInt(s.shed.length)} | ${fmtInt(all - ok - s.shed.length)} | ${fmtInt(withoutData(s))} | ${fmtInt(s.timeouts)} | ` +
          `${fmtInt(errorCount(s) - s.timeouts)} | ${seen ? `${seen.app} (${POOL_SIZE})` : '—'} |`,
      );
    }
  }
  say('');
  say('The page and PNG mix at 200 connections, by what was asked (2xx only):');
  say('');
  say('| database | asked | 2xx | p50 ms | p99 ms |');
  say('|---|---|---:|---:|---:|');
  for (const r of runs) {
    const s = r.phases.find((x) => x.stats.mix === 'pages and PNGs' && x.stats.connections === 200)?.stats;
    for (const [kind, times] of s ? [...s.okByKind].sort(([a], [b]) => a.localeCompare(b)) : []) {
      say(`| ${r.kind} | ${kind} | ${fmtInt(times.length)} | ${p(times, 50)} | ${p(times, 99)} |`);
    }
  }
  say('');
  say(`Pictures beside the API: the API mix at 10 connections for ${SECONDS} s alone, then for ${SECONDS} s beside 12 connections asking for nothing but weekly PNGs (wide and square) and link previews:`);
  say('');
  say('| database | API alone p50 ms | p99 ms | API beside the pictures p50 ms | p99 ms | p50 ratio (at most 2) | API 2xx alone / beside | pictures/s | pictures p50 ms | p99 ms | pictures 503 |');
  say('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of runs) {
    const { alone, beside, pictures } = r.png;
    say(
      `| ${r.kind} | ${p(alone.ok, 50)} | ${p(alone.ok, 99)} | ${p(beside.ok, 50)} | ${p(beside.ok, 99)} | ` +
        `${(percentile(beside.ok, 50) / percentile(alone.ok, 50)).toFixed(2)} | ${fmtInt(okCount(alone))} / ${fmtInt(okCount(beside))} | ` +
        `${(okCount(pictures) / pictures.seconds).toFixed(1)} | ${p(pictures.ok, 50)} | ${p(pictures.ok, 99)} | ${fmtInt(pictures.shed.length)} |`,
    );
  }
  say('');
  for (const r of runs) {
    const results = [
      ...r.phases.map(({ stats: s, failures }) => `${s.mix} at ${s.connections}: ${failures.length ? `**failed**: ${failures.join('; ')}` : 'passed'}`),
      `pictures beside the API: ${r.png.failures.length ? `**failed**: ${r.png.failures.join('; ')}` : 'passed'}`,
    ];
    say(`${r.kind}: ${results.join('. ')}.`);
    say('');
    const o = r.overload;
    say(
      `${r.kind}, 1,000 connections: ${o.failures.length ? `**failed**: ${o.failures.join('; ')}` : 'passed: every answer a 2xx or a 503, none a 500'}. ` +
        `${fmtInt(o.stats.shed.length)} requests were turned away with a 503 (p50 ${p(o.stats.shed, 50)} ms, p99 ${p(o.stats.shed, 99)} ms); socket errors: ` +
        `${o.stats.errors.size ? describeCounts(o.stats.errors) : '0'}` +
        `${Number.isFinite(o.listenDrops) ? ` (the kernel dropped ${fmtInt(o.listenDrops)} connection attempts with the server's accept queue full and sent ${fmtInt(o.synRetransmits)} SYNs again)` : ''}. ` +
        `The server ${o.alive ? 'stayed up' : 'did not stay up'}${Number.isFinite(o.rssMb) ? ` (peak memory ${fmtInt(o.rssMb)} MB)` : ''}, and its health check ` +
        `${o.health.status === 200 ? `answered 200 ${fmtMs(o.health.ms / 1000)} s after the phase ended` : `answered ${o.health.status || 'nothing'} for a minute after it`}${o.pg ? `; it never held more than ${o.pg.app} PostgreSQL sessions (${o.pg.all} on the whole server; sampled every 100 ms, ${fmtInt(o.pg.samples)} samples)` : ''}.`,
    );
    say('');
  }
  say(
    'autocannon does not honour Retry-After: a connection turned away asks again at once, so the 1,000-connection phase is a worst case, where the ' +
      'server spends most of its time answering 503s. The dashboard itself waits as Retry-After says (components/data/fetch-json.ts), and so does a page ' +
      'that could not be read (app/DatabaseAway.tsx). A limit on connections in front of the server (at a reverse proxy) or more server processes ' +
      '(ARCHITECTURE.md, "Beyond one machine") would keep more of them.',
  );
  return lines;
}

function writeSection(lines: string[]): void {
  if (!OUT) {
    console.log('\n--quick: RELIABILITY.md left as it is (--out FILE writes one)');
    return;
  }
  const out = path.resolve(ROOT, OUT);
  const section = `${START}\n${lines.join('\n')}\n${END}`;
  const old = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '# Reliability\n';
  const a = old.indexOf(START);
  const b = old.indexOf(END);
  const next = a >= 0 && b > a ? `${old.slice(0, a)}${section}${old.slice(b + END.length)}` : `${old.trimEnd()}\n\n## Load\n\n${section}\n`;
  fs.writeFileSync(out, next);
  console.log(`\nwritten to the Load section of ${OUT}`);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sidelines-load-'));
  const startLoad = os.loadavg();
  console.log(`load average now: ${la(startLoad)} (${os.cpus().length} cores)`);
  const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    const runs: DbRun[] = [];
    for (const kind of KINDS) runs.push(await runDatabase(kind, tmp));
    writeSection(report(runs, startLoad));
    const failed = runs.some((r) => r.phases.some((x) => x.failures.length) || r.png.failures.length || r.overload.failures.length);
    return failed ? 1 : 0;
  } finally {
    cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`loadtest: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
