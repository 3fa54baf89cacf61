// npm run loadtest [-- --quick] [--posts 100000] [--seconds 30] [--out RELIABILITY.md] [--keep | --database URL]
//
// Loads a production build on the PostgreSQL server of DATABASE_URL (default
// postgres://postgres@127.0.0.1:5432/test) with the synthetic corpus (lib/bench/corpus.ts, seed 1)
// in a database of its own, then runs two phases of dashboard API requests with autocannon:
//
//   1. 100 connections: every answer must be a 2xx, with no socket errors.
//   2. 1,000 connections, more than the server can answer: it must degrade gracefully. Every
//      answer is a 2xx or a 503 (turned away by lib/admission.ts), the server is still up and
//      healthy afterwards, and its PostgreSQL connections stay within its pool.
//
// It prints a table and writes it to the "Load" section of RELIABILITY.md (between the load
// markers; the rest of the file is left alone) and exits 1 if a phase fails. --quick is 10,000
// posts and 10 s phases, printed only (or written to --out FILE). --keep leaves the database on
// the server for a later --database URL, which skips generating and ingesting.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { createDb } from '@/db';
import { encodeCursor } from '@/db/queries/events';
import { countsByCountry, countsByTopic } from '@/db/queries/stats';
import { SERVER_LIMITS } from '@/lib/admission';
import { generateCorpus, mulberry32 } from '@/lib/bench/corpus';
import { fmtInt, fmtMs, percentile } from '@/lib/bench/stats';
import { EMPTY_FILTERS } from '@/lib/filters';
import { startAppServer, type AppServer } from '@/lib/testing/app-server';
import { serverDatabase } from '@/lib/testing/server-db';

const ROOT = process.cwd();
const SERVER = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
/** The web app's pg pool size (db/index.ts): the most connections it should ever hold. */
const POOL_SIZE = 10;
const START = '<!-- load:start -->';
const END = '<!-- load:end -->';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    posts: { type: 'string' },
    seconds: { type: 'string' },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
    database: { type: 'string' },
  },
});
const POSTS = Number(values.posts ?? (values.quick ? 10_000 : 100_000));
const SECONDS = Number(values.seconds ?? (values.quick ? 10 : 30));
if (!Number.isInteger(POSTS) || POSTS < 100 || !Number.isInteger(SECONDS) || SECONDS < 1) {
  console.error('loadtest: --posts takes a whole number ≥ 100, --seconds a whole number ≥ 1');
  process.exit(2);
}
if (values.database && !/^postgres(ql)?:\/\//.test(values.database)) {
  console.error('loadtest: --database takes a postgres:// URL');
  process.exit(2);
}
// A quick run is for trying the test out: its figures would replace the real ones.
const OUT = values.out ?? (values.quick ? null : 'RELIABILITY.md');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// The database

async function writeCorpus(file: string): Promise<void> {
  const out = fs.createWriteStream(file);
  for (const p of generateCorpus({ posts: POSTS, seed: 1 })) {
    const line = `${JSON.stringify({ id: p.id, date: p.date, channel: p.channel, lang: p.lang, text: p.text })}\n`;
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

async function ingest(file: string, url: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', file, '--json'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise<number>((r) => child.on('exit', (c) => r(c ?? 1)));
  if (code !== 0) throw new Error(`ingest failed: ${err.trim().split('\n').pop()}`);
}

// ---------------------------------------------------------------------------------------------
// The requests

const Q_WORDS = ['energy', 'sanctions', 'nuclear', 'terrorism', 'logistics', 'Ukraine', 'санкций', 'энергетика', 'Устава ООН'];

interface Mix {
  /** The next request's path, and which endpoint it asks. */
  next: () => string;
  sent: Map<string, number>;
  events: number;
}

/**
 * What a dashboard asks for, over varied filters (all time, a year, a month, a country, a topic,
 * contact types, a combination): each chart's stats, timeline pages at several depths, and
 * full-text searches. No request carries If-None-Match, so every one runs its queries: a
 * revalidation would be answered 304 from the data version alone.
 */
async function requestMix(url: string): Promise<Mix> {
  const db = await createDb({ url, poolMax: 1 });
  try {
    const events = Number((await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const countries = (await countsByCountry(db, EMPTY_FILTERS, 20)).map((c) => c.code);
    const topics = (await countsByTopic(db, EMPTY_FILTERS, 10)).map((t) => t.code);
    const bounds = await db.selectFrom('events').select((eb) => [eb.fn.min('date').as('a'), eb.fn.max('date').as('b')]).executeTakeFirstOrThrow();
    const y0 = Number(String(bounds.a ?? '2014').slice(0, 4));
    const y1 = Number(String(bounds.b ?? '2023').slice(0, 4));
    // Cursors at 1%, 10%, 50% and 90% of the way down the timeline.
    const cursors: string[] = [];
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
    const r = mulberry32(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
    const filters = (): string => {
      const y = y0 + Math.floor(r() * (y1 - y0 + 1));
      return pick([
        '',
        `from=${y}-01-01&to=${y}-12-31`,
        `from=${y}-03-01&to=${y}-03-31`,
        countries.length ? `country=${pick(countries)}` : '',
        topics.length ? `topic=${pick(topics)}` : '',
        'type=meeting,phone_call',
        countries.length && topics.length ? `from=${y}-01-01&country=${pick(countries)}&topic=${pick(topics)}` : '',
      ]);
    };
    const q = (f: string) => (f ? `?${f}` : '');
    const amp = (f: string) => (f ? `&${f}` : '');
    const endpoints: [string, (f: string) => string][] = [
      ['headline', (f) => `/api/stats/headline${q(f)}`],
      ['countries', (f) => `/api/stats/countries${q(f)}`],
      ['organizations', (f) => `/api/stats/organizations${q(f)}`],
      ['topics', (f) => `/api/stats/topics${q(f)}`],
      ['over time', (f) => `/api/stats/over-time${q(f)}`],
      ['matrix', (f) => `/api/stats/matrix${q(f)}`],
      ['timeline, first page', (f) => `/api/events?limit=30${amp(f)}`],
      ['timeline, later page', (f) => `/api/events?limit=30${cursors.length ? `&cursor=${pick(cursors)}` : ''}${amp(f)}`],
      ['full-text search', (f) => `/api/events?limit=30&q=${encodeURIComponent(pick(Q_WORDS))}${amp(f)}`],
    ];
    const sent = new Map<string, number>(endpoints.map(([name]) => [name, 0]));
    return {
      events,
      sent,
      next: () => {
        const [name, path] = pick(endpoints);
        sent.set(name, sent.get(name)! + 1);
        return path(filters());
      },
    };
  } finally {
    await db.destroy();
  }
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
      if (cols.length > 9 && cols[1].endsWith(hex) && cols[3] === '0A') inodes.add(cols[9]);
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
        if (m && inodes.has(m[1])) return Number(pid);
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

/** Counts the server's sessions every 100 ms until stopped. */
function sampleConnections(admin: pg.Client, database: string): { stop: () => Promise<Connections> } {
  const seen: Connections = { app: 0, all: 0, samples: 0 };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await admin.query<{ all: number; app: number }>(
        'select count(*)::int as all, (count(*) filter (where datname = $1))::int as app from pg_stat_activity',
        [database],
      );
      seen.all = Math.max(seen.all, rows[0].all);
      seen.app = Math.max(seen.app, rows[0].app);
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

// ---------------------------------------------------------------------------------------------
// A phase

interface Phase {
  connections: number;
  seconds: number;
  byStatus: Map<number, number>;
  /** Response times of the 2xx and of the 503 answers, ms. */
  ok: number[];
  shed: number[];
  /** Socket errors and timeouts, by code. */
  errors: Map<string, number>;
  timeouts: number;
  pg: Connections;
  /** Connection attempts the kernel dropped with the server's accept queue full, and SYNs sent again. */
  listenDrops: number;
  synRetransmits: number;
}

async function runPhase(base: string, connections: number, seconds: number, mix: Mix, watch: () => { stop: () => Promise<Connections> }): Promise<Phase> {
  const phase: Phase = { connections, seconds, byStatus: new Map(), ok: [], shed: [], errors: new Map(), timeouts: 0, pg: { app: 0, all: 0, samples: 0 }, listenDrops: NaN, synRetransmits: NaN };
  const tcp0 = tcpCounters();
  const sampler = watch();
  const t0 = performance.now();
  try {
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: base,
          connections,
          duration: seconds,
          timeout: 10,
          requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: mix.next() }) }],
        },
        (err: unknown, res) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res)),
      );
      instance.on('response', (_client, status, _bytes, ms) => {
        phase.byStatus.set(status, (phase.byStatus.get(status) ?? 0) + 1);
        if (status >= 200 && status < 300) phase.ok.push(ms);
        else if (status === 503) phase.shed.push(ms);
      });
      instance.on('reqError', (err: unknown) => {
        const code = (err as { code?: string } | null)?.code ?? (err instanceof Error ? err.message : String(err));
        phase.errors.set(code, (phase.errors.get(code) ?? 0) + 1);
      });
    });
    phase.timeouts = result.timeouts;
    phase.seconds = (performance.now() - t0) / 1000;
  } finally {
    phase.pg = await sampler.stop();
    const tcp1 = tcpCounters();
    const delta = (k: string) => (tcp1.get(k) ?? NaN) - (tcp0.get(k) ?? NaN);
    phase.listenDrops = delta('ListenDrops');
    phase.synRetransmits = delta('TCPSynRetrans');
  }
  return phase;
}

const count = (p: Phase, test: (status: number) => boolean) => [...p.byStatus].filter(([s]) => test(s)).reduce((n, [, c]) => n + c, 0);
const errorCount = (p: Phase) => [...p.errors.values()].reduce((a, b) => a + b, 0);
const describeErrors = (p: Phase) => (p.errors.size ? [...p.errors].map(([code, n]) => `${fmtInt(n)} ${code}`).join(', ') : '0');

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sidelines-load-'));
  let target: { url: string; drop: () => Promise<void> };
  if (values.database) {
    target = { url: values.database, drop: async () => {} };
    console.log(`using ${new URL(values.database).pathname.slice(1)} as it is`);
  } else {
    target = await serverDatabase(SERVER, 'sidelines_load');
    if (values.keep) target = { url: target.url, drop: async () => console.log(`kept: --database ${target.url}`) };
  }
  let app: AppServer | null = null;
  const admin = new pg.Client({ connectionString: SERVER });
  const cleanup = async () => {
    await app?.stop();
    app = null;
    await admin.end().catch(() => {});
    await target.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    if (!values.database) {
      const file = path.join(tmp, 'corpus.jsonl');
      let t0 = performance.now();
      await writeCorpus(file);
      console.log(`generated ${fmtInt(POSTS)} posts (seed 1) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      t0 = performance.now();
      await ingest(file, target.url);
      console.log(`ingested them in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      fs.rmSync(file, { force: true });
    }
    const mix = await requestMix(target.url);
    await admin.connect();
    const database = new URL(target.url).pathname.slice(1);
    const maxConnections = Number((await admin.query<{ max_connections: string }>('show max_connections')).rows[0].max_connections);
    const serverVersion = (await admin.query<{ server_version: string }>('show server_version')).rows[0].server_version.split(' ')[0];
    const watch = () => sampleConnections(admin, database);

    console.log('starting the production server (building it first if the build is stale) ...');
    app = await startAppServer({ database: { url: target.url } });
    const pid = listenerPid(Number(new URL(app.url).port));
    console.log(`serving at ${app.url}${pid ? ` (process ${pid})` : ''}, ${fmtInt(mix.events)} events`);

    // Compiled code paths, a warm pool and warm PostgreSQL caches before anything is measured.
    await runPhase(app.url, 10, values.quick ? 3 : 5, mix, watch);
    for (const k of mix.sent.keys()) mix.sent.set(k, 0);

    console.log(`phase 1: 100 connections for ${SECONDS} s ...`);
    const p1 = await runPhase(app.url, 100, SECONDS, mix, watch);
    const sent = new Map(mix.sent);
    await sleep(3_000);
    console.log(`phase 2: 1,000 connections for ${SECONDS} s ...`);
    const p2 = await runPhase(app.url, 1_000, SECONDS, mix, watch);
    const after = await health(app.url);
    const alive = pid === null ? after.status === 200 : isRunning(pid) && listenerPid(Number(new URL(app.url).port)) === pid;
    const rss = peakRssMb(pid);

    const p1Failures = [
      errorCount(p1) ? `${fmtInt(errorCount(p1))} socket errors (${describeErrors(p1)})` : '',
      count(p1, (s) => s < 200 || s >= 300) ? `${fmtInt(count(p1, (s) => s < 200 || s >= 300))} non-2xx answers` : '',
    ].filter(Boolean);
    const other = [...p2.byStatus].filter(([s]) => !(s >= 200 && s < 300) && s !== 503);
    const p2Failures = [
      other.length ? `answers other than 2xx and 503: ${other.map(([s, n]) => `${fmtInt(n)} × ${s}`).join(', ')}` : '',
      after.status !== 200 ? `the health check after it answered ${after.status || 'nothing'}` : '',
      !alive ? 'the server process is gone' : '',
      p2.pg.app > POOL_SIZE ? `${p2.pg.app} sessions on its database, more than the pool's ${POOL_SIZE}` : '',
      p2.pg.all >= maxConnections ? `PostgreSQL reached max_connections (${maxConnections})` : '',
    ].filter(Boolean);

    const lines: string[] = [];
    const say = (s = '') => {
      console.log(s);
      lines.push(s);
    };
    const cpu = os.cpus();
    say(
      `Measured by \`npm run loadtest${values.quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}: ${cpu.length} cores (${cpu[0]?.model.trim()}), ` +
        `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL ${serverVersion} on the same machine (max_connections ${maxConnections}). ` +
        `A production build on ${fmtInt(POSTS)} synthetic posts (\`npm run gen\`, seed 1; ${fmtInt(mix.events)} events). ` +
        `The load comes from autocannon in one process on the same ${cpu.length} cores, so the server, PostgreSQL and the load share them.`,
    );
    say('');
    say(
      `Requests: the dashboard's API (headline, counts by country, organisation and topic, over time, the country × topic matrix, timeline pages ` +
        `from the first to 90% of the way down, full-text search in English and Russian) in equal shares, each over one of seven filter sets ` +
        `(all time, a year, a month, a country, a topic, contact types, a combination). No request sends If-None-Match, so every one runs its ` +
        `queries (a revalidation would be a 304 from the data version alone). Phase 1 sent ${[...sent].map(([k, n]) => `${k} ${fmtInt(n)}`).join(', ')}.`,
    );
    say('');
    say(
      `Admission (lib/admission.ts): ${SERVER_LIMITS.concurrency} requests use the database at once (the pg pool's size), ${SERVER_LIMITS.queue} more wait ` +
        `in order for at most ${SERVER_LIMITS.maxWaitMs / 1000} s, and any further request is answered 503 with Retry-After at once.`,
    );
    say('');
    say('| phase | connections | seconds | answers/s | 2xx/s | 2xx p50 ms | 2xx p95 ms | 2xx p99 ms | 2xx | 503 | other | timeouts (10 s) | other socket errors | PG sessions, app (pool) | PG sessions, all (max) |');
    say('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const [name, p] of [['1', p1], ['2', p2]] as const) {
      const ok = count(p, (s) => s >= 200 && s < 300);
      const all = count(p, () => true);
      say(
        `| ${name} | ${fmtInt(p.connections)} | ${p.seconds.toFixed(1)} | ${fmtInt(all / p.seconds)} | ${fmtInt(ok / p.seconds)} | ` +
          `${fmtMs(percentile(p.ok, 50))} | ${fmtMs(percentile(p.ok, 95))} | ${fmtMs(percentile(p.ok, 99))} | ${fmtInt(ok)} | ${fmtInt(p.shed.length)} | ` +
          `${fmtInt(all - ok - p.shed.length)} | ${fmtInt(p.timeouts)} | ${fmtInt(errorCount(p) - p.timeouts)} | ${p.pg.app} (${POOL_SIZE}) | ${p.pg.all} (${maxConnections}) |`,
      );
    }
    say('');
    say(
      `Phase 1, 100 connections: ${p1Failures.length ? `**failed**: ${p1Failures.join('; ')}` : 'passed: every answer a 2xx, no socket errors'}` +
        `${p1.listenDrops > 0 ? ` (the kernel dropped ${fmtInt(p1.listenDrops)} connection attempts with the accept queue full)` : ''}.`,
    );
    say('');
    say(
      `Phase 2, 1,000 connections: ${p2Failures.length ? `**failed**: ${p2Failures.join('; ')}` : 'passed: every answer a 2xx or a 503, none a 500'}. ` +
        `${fmtInt(p2.shed.length)} requests were turned away with a 503 (p50 ${fmtMs(percentile(p2.shed, 50))} ms, p99 ${fmtMs(percentile(p2.shed, 99))} ms); ` +
        `socket errors: ${describeErrors(p2)}` +
        `${Number.isFinite(p2.listenDrops) ? ` (autocannon's limit is 10 s; the kernel dropped ${fmtInt(p2.listenDrops)} connection attempts with the server's accept queue full and sent ${fmtInt(p2.synRetransmits)} SYNs again)` : ''}. The server ${alive ? 'stayed up' : 'did not stay up'}` +
        `${Number.isFinite(rss) ? ` (peak memory ${fmtInt(rss)} MB)` : ''}, its health check right after answered ${after.status || 'nothing'} in ${fmtMs(after.ms)} ms, ` +
        `and it never held more than ${p2.pg.app} PostgreSQL sessions (${p2.pg.all} on the whole server, of ${maxConnections} allowed; sampled every 100 ms, ${fmtInt(p2.pg.samples)} samples).`,
    );
    say('');
    say(
      'autocannon does not honour Retry-After: a connection turned away asks again at once, so phase 2 is a worst case, where the ' +
        'server spends most of its time answering 503s. The dashboard itself waits as Retry-After says (lib/client/fetch-json.ts). ' +
        'Few 2xx get through then because the server is one Node.js process and a 503 still passes through Next.js request handling: ' +
        'the admitted requests wait behind hundreds of them at every step of their queries. A limit on connections in front of the ' +
        'server (at a reverse proxy) or more server processes (ARCHITECTURE.md, "Beyond one machine") would keep more of them.',
    );

    if (OUT) {
      const out = path.join(ROOT, OUT);
      const section = `${START}\n${lines.join('\n')}\n${END}`;
      const old = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '# Reliability\n';
      const a = old.indexOf(START);
      const b = old.indexOf(END);
      const next = a >= 0 && b > a ? `${old.slice(0, a)}${section}${old.slice(b + END.length)}` : `${old.trimEnd()}\n\n## Load\n\n${section}\n`;
      fs.writeFileSync(out, next);
      console.log(`\nwritten to the Load section of ${OUT}`);
    } else {
      console.log('\n--quick: RELIABILITY.md left as it is (--out FILE writes one)');
    }
    return p1Failures.length || p2Failures.length ? 1 : 0;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`loadtest: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
