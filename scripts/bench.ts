// npm run bench [-- --quick] [--sizes 10000,100000,1000000] [--requests 100] [--no-embedded]
// npm run bench -- --database URL --out FILE   (the endpoint table only, on a loaded server database)
//
// Measures Sidelines on a synthetic corpus (scripts/bench/corpus.ts) and writes the table to
// BENCHMARKS.md: parse throughput on one core; end-to-end ingest into the embedded database and
// into the server, beside the time PostgreSQL takes to COPY the same rows pre-parsed; the p50 and
// p95 latency of every dashboard endpoint against a production build, beside the same query run
// directly; first-load JS and LCP of the dashboard. --quick is one 10,000-post run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { createDb, migrateToLatest, type Database } from '@/db';
import { eventsPage, encodeCursor } from '@/db/queries/events';
import { countryTopicMatrix, countsByCountry, countsByTopic, headline, overTime } from '@/db/queries/stats';
import { latestWeek, weeklySummary } from '@/db/queries/weekly';
import { generateCorpus, mulberry32, toRawPost } from '@/scripts/bench/corpus';
import { fmtInt, fmtMs, percentile } from '@/scripts/bench/stats';
import { EMPTY_FILTERS, parseFilters, type Filters } from '@/lib/domain/filters';
import { contentHash } from '@/lib/load/store';
import { extract } from '@/lib/ingest/extract';
import { streamPostsFromFile } from '@/lib/ingest/read';
import type { RawPost } from '@/lib/ingest/types';
import { parsePost } from '@/lib/ingest/parse';
import { startAppServer } from '@/scripts/testing/app-server';
import { serverDatabase } from '@/scripts/testing/server-db';
import { parseWeek } from '@/lib/domain/calendar';

const ROOT = process.cwd();
const SERVER = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    requests: { type: 'string', default: '100' },
    'no-embedded': { type: 'boolean', default: false },
    out: { type: 'string', default: 'BENCHMARKS.md' },
    // Only the endpoint table, on a server database already loaded (e.g. by npm run ingest).
    database: { type: 'string' },
  },
});
const sizes = (values.sizes ?? (values.quick ? '10000' : '10000,100000,1000000')).split(',').map(Number);
const REQUESTS = Number(values.requests);
if (sizes.some((n) => !Number.isInteger(n) || n < 100) || !(REQUESTS >= 10)) {
  console.error('bench: --sizes takes whole numbers ≥ 100, --requests a number ≥ 10');
  process.exit(2);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sidelines-bench-'));
// The server reads the COPY files itself, as its own user.
fs.chmodSync(tmp, 0o755);
const lines: string[] = [];
const say = (s = '') => {
  console.log(s);
  lines.push(s);
};

// ---------------------------------------------------------------------------------------------

async function writeCorpus(n: number): Promise<{ file: string; bytes: number }> {
  const file = path.join(tmp, `corpus-${n}.jsonl`);
  const out = fs.createWriteStream(file);
  let bytes = 0;
  for (const p of generateCorpus({ posts: n, seed: 1 })) {
    const line = `${JSON.stringify({ id: p.id, date: p.date, channel: p.channel, lang: p.lang, text: p.text })}\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return { file, bytes };
}

function parseThroughput(n: number): { postsPerSec: number; mbPerSec: number } {
  const posts = [...generateCorpus({ posts: n, seed: 2 })].map((p, i) => toRawPost(p, i));
  const bytes = posts.reduce((s, p) => s + Buffer.byteLength(p.text), 0);
  for (let i = 0; i < Math.min(2000, n); i++) parsePost(posts[i]!);
  const t0 = performance.now();
  for (const p of posts) parsePost(p);
  const s = (performance.now() - t0) / 1000;
  return { postsPerSec: n / s, mbPerSec: bytes / 1e6 / s };
}

/** The ingest command in a process of its own; its peak memory read from /proc while it runs. */
async function ingest(file: string, env: NodeJS.ProcessEnv): Promise<{ seconds: number; peakMb: number }> {
  const t0 = performance.now();
  // The ingest runs as a user runs it: without the larger heap this benchmark gives itself.
  const { NODE_OPTIONS: _heap, ...plain } = env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', file, '--json'], { cwd: ROOT, env: plain, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  let peak = 0;
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
    } catch {
      // exited
    }
  }, 100);
  const code = await new Promise<number>((r) => child.on('exit', (c) => r(c ?? 1)));
  clearInterval(poll);
  if (code !== 0) throw new Error(`ingest failed: ${err.trim().split('\n').pop()}`);
  return { seconds: (performance.now() - t0) / 1000, peakMb: peak };
}

/** PostgreSQL's own time to COPY the rows a run writes, parsed beforehand (the floor for ingest). */
async function copyBaseline(file: string): Promise<number> {
  // Read as a stream: a million posts are more text than one string may hold.
  const posts: RawPost[] = [];
  for await (const batch of streamPostsFromFile(file, {}, 10_000)) posts.push(...batch);
  const result = extract(posts);
  // As the ingester does: a channel stores a text once.
  const seen = new Set<string>();
  const unique = posts.filter((p) => {
    const k = `${p.channel}\u0000${contentHash(p.text)}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  const channels = [...new Set(posts.map((p) => p.channel ?? 'bench'))];
  // Written a slice at a time: a million rows are more text than one string may hold.
  const writeCsv = (file: string, rows: (string | number | null)[][]) => {
    const fd = fs.openSync(file, 'w', 0o644);
    try {
      for (let i = 0; i < rows.length; i += 10_000) {
        const text = rows
          .slice(i, i + 10_000)
          .map((r) => r.map((v) => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`)).join(','))
          .join('\n');
        fs.writeSync(fd, `${text}\n`);
      }
    } finally {
      fs.closeSync(fd);
    }
  };
  const ids = new Map(unique.map((p, i) => [`${p.channel}/${p.externalId}`, i + 1]));
  const tables: Record<string, { columns: string; rows: (string | number | null)[][] }> = {
    posts: {
      columns: 'id, channel_id, external_id, content_hash, posted_at, lang, text, hashtags, seq',
      rows: unique.map((p, i) => [i + 1, channels.indexOf(p.channel ?? 'bench') + 1, p.externalId, contentHash(p.text), p.postedAt?.toISOString() ?? null, p.lang ?? 'en', p.text, '{}', i]),
    },
    events: {
      columns: 'id, date, type, principal, venue, title, summary',
      rows: result.events.map((e, i) => [i + 1, e.date, e.type, e.principal, e.venue, e.title, e.summary]),
    },
    event_posts: {
      columns: 'event_id, post_id, evidence',
      rows: result.events.flatMap((e, i) => [...new Set(e.postKeys.map((k) => ids.get(k)))].filter(Boolean).map((pid) => [i + 1, pid as number, '[]'])),
    },
    event_countries: {
      columns: 'event_id, country, role',
      rows: result.events.flatMap((e, i) => [...new Map(e.countries.map((c) => [c.code, c])).values()].map((c) => [i + 1, c.code, c.role])),
    },
    event_organizations: {
      columns: 'event_id, org, role',
      rows: result.events.flatMap((e, i) => [...new Map(e.organizations.map((c) => [c.code, c])).values()].map((c) => [i + 1, c.code, c.role])),
    },
    event_topics: { columns: 'event_id, topic, phrases', rows: result.events.flatMap((e, i) => e.topics.map((t) => [i + 1, t.code, '{}'])) },
    event_people: { columns: 'event_id, name, title', rows: result.events.flatMap((e, i) => e.people.map((p) => [i + 1, p.name, p.title])) },
  };
  const target = await serverDatabase(SERVER, 'sidelines_bench_copy');
  const db = await createDb({ url: target.url });
  try {
    await migrateToLatest(db);
    await db.insertInto('channels').values(channels.map((handle) => ({ handle }))).execute();
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: target.url });
    await client.connect();
    let ms = 0;
    try {
      for (const [table, t] of Object.entries(tables)) {
        const f = path.join(tmp, `${table}.csv`);
        writeCsv(f, t.rows);
        const t0 = performance.now();
        await client.query(`copy ${table} (${t.columns}) from '${f}' with (format csv)`);
        ms += performance.now() - t0;
      }
    } finally {
      await client.end();
    }
    return ms / 1000;
  } finally {
    await db.destroy();
    await target.drop();
  }
}

// ---------------------------------------------------------------------------------------------
// Endpoints

interface Endpoint {
  name: string;
  url: (f: string) => string;
  direct: (db: Kysely<Database>, f: Filters) => Promise<unknown>;
}

async function endpoints(db: Kysely<Database>): Promise<Endpoint[]> {
  // A cursor deep into the timeline: 90% of the way down.
  const n = Number((await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const deep = await db
    .selectFrom('events')
    .select(['id', 'date'])
    .orderBy('date', (ob) => ob.desc().nullsLast())
    .orderBy('id', 'desc')
    .offset(Math.floor(n * 0.9))
    .limit(1)
    .executeTakeFirst();
  const cursor = deep ? { date: deep.date, id: deep.id } : null;
  const week = (await latestWeek(db, EMPTY_FILTERS)) ?? parseWeek('2023-W38')!;
  const q = (f: string) => (f ? `?${f}` : '');
  const amp = (f: string) => (f ? `&${f}` : '');
  return [
    { name: 'headline', url: (f) => `/api/stats/headline${q(f)}`, direct: headline },
    { name: 'counts by country', url: (f) => `/api/stats/countries${q(f)}`, direct: (d, f) => countsByCountry(d, f) },
    { name: 'counts by topic', url: (f) => `/api/stats/topics${q(f)}`, direct: (d, f) => countsByTopic(d, f) },
    { name: 'over time', url: (f) => `/api/stats/over-time${q(f)}`, direct: (d, f) => overTime(d, f) },
    { name: 'country × topic matrix', url: (f) => `/api/stats/matrix${q(f)}`, direct: (d, f) => countryTopicMatrix(d, f) },
    { name: 'timeline page', url: (f) => `/api/events?limit=30${amp(f)}`, direct: (d, f) => eventsPage(d, f, null, 30) },
    {
      name: 'deep timeline page',
      url: (f) => `/api/events?limit=30${cursor ? `&cursor=${encodeCursor(cursor)}` : ''}${amp(f)}`,
      direct: (d, f) => eventsPage(d, f, cursor, 30),
    },
    { name: 'full-text search', url: (f) => `/api/events?limit=30&q=energy${amp(f)}`, direct: (d, f) => eventsPage(d, { ...f, q: 'energy' }, null, 30) },
    { name: 'weekly summary', url: (f) => `/weekly/${week.code}${q(f)}`, direct: (d, f) => weeklySummary(d, f, week) },
  ];
}

/** Filter sets the requests cycle through: all time, a year, a country, a topic, types. */
async function filterMix(db: Kysely<Database>, count: number): Promise<string[]> {
  const top = await countsByCountry(db, EMPTY_FILTERS, 20);
  const topics = await countsByTopic(db, EMPTY_FILTERS, 10);
  const bounds = await db.selectFrom('events').select((eb) => [eb.fn.min('date').as('a'), eb.fn.max('date').as('b')]).executeTakeFirstOrThrow();
  const y0 = Number(String(bounds.a ?? '2014').slice(0, 4));
  const y1 = Number(String(bounds.b ?? '2023').slice(0, 4));
  const r = mulberry32(7);
  const pick = <T>(xs: T[]): T => {
    const x = xs[Math.floor(r() * xs.length)];
    if (x === undefined) throw new RangeError('cannot pick from an empty list');
    return x;
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const y = y0 + Math.floor(r() * (y1 - y0 + 1));
    out.push(
      pick([
        '',
        `from=${y}-01-01&to=${y}-12-31`,
        `from=${y}-03-01&to=${y}-03-31`,
        top.length ? `country=${pick(top).code}` : '',
        topics.length ? `topic=${pick(topics).code}` : '',
        'type=meeting,phone_call',
        top.length && topics.length ? `from=${y}-01-01&country=${pick(top).code}&topic=${pick(topics).code}` : '',
      ]),
    );
  }
  return out;
}

interface Timing {
  p50: number;
  p95: number;
}

async function timeDirect(db: Kysely<Database>, e: Endpoint, mix: string[]): Promise<Timing> {
  const xs: number[] = [];
  for (const f of mix) {
    const parsed = parseFilters(new URLSearchParams(f));
    if (!parsed.ok) throw new Error(`bad filter ${f}`);
    const t0 = performance.now();
    await e.direct(db, parsed.filters);
    xs.push(performance.now() - t0);
  }
  return { p50: percentile(xs, 50), p95: percentile(xs, 95) };
}

async function timeApi(base: string, e: Endpoint, mix: string[]): Promise<Timing> {
  const xs: number[] = [];
  for (const f of mix) {
    const t0 = performance.now();
    const res = await fetch(`${base}${e.url(f)}`);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${e.url(f)} answered ${res.status}`);
    xs.push(performance.now() - t0);
  }
  return { p50: percentile(xs, 50), p95: percentile(xs, 95) };
}

async function measureEndpoints(kind: string, size: number, database: { url?: string; dataDir?: string }): Promise<void> {
  // Direct first, then the server: an embedded database is held by one process at a time.
  const db = await createDb(database);
  let eps: Endpoint[];
  let mix: string[];
  const direct = new Map<string, Timing>();
  try {
    eps = await endpoints(db);
    mix = await filterMix(db, REQUESTS);
    for (const e of eps) {
      await timeDirect(db, e, mix.slice(0, 5));
      direct.set(e.name, await timeDirect(db, e, mix));
    }
  } finally {
    await db.destroy();
  }
  const app = await startAppServer({ database });
  try {
    say(`\n### Endpoints, ${fmtInt(size)} posts, ${kind} (${REQUESTS} requests each, varied filters)\n`);
    say('| endpoint | API p50 ms | API p95 ms | SQL p50 ms | SQL p95 ms | API / SQL (p50) |');
    say('|---|---:|---:|---:|---:|---:|');
    for (const e of eps) {
      await timeApi(app.url, e, mix.slice(0, 5));
      const api = await timeApi(app.url, e, mix);
      const d = direct.get(e.name)!;
      say(`| ${e.name} | ${fmtMs(api.p50)} | ${fmtMs(api.p95)} | ${fmtMs(d.p50)} | ${fmtMs(d.p95)} | ${(api.p50 / d.p50).toFixed(2)}× |`);
    }
  } finally {
    await app.stop();
  }
}

// ---------------------------------------------------------------------------------------------

async function endpointsOnly(url: string): Promise<void> {
  const db = await createDb({ url });
  const posts = Number((await db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  await db.destroy();
  say(`# Endpoints on ${new URL(url).pathname.slice(1)}`);
  say('');
  say(`Measured by \`npm run bench -- --database URL\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores, Node ${process.version}.`);
  await measureEndpoints('server', posts, { url });
  fs.writeFileSync(path.resolve(ROOT, values.out!), `${lines.join('\n')}\n`);
  console.log(`\nwritten to ${values.out}`);
}

async function main(): Promise<void> {
  if (values.database) return endpointsOnly(values.database);
  say('# Benchmarks');
  say('');
  say(`Measured by \`npm run bench${values.quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL server at ${new URL(SERVER).host}. Synthetic corpus (\`npm run gen\`, seed 1).`);

  const parseN = values.quick ? 10_000 : 100_000;
  const p = parseThroughput(parseN);
  say('\n## Parse (one core)\n');
  say(`${fmtInt(p.postsPerSec)} posts/s, ${p.mbPerSec.toFixed(2)} MB/s over ${fmtInt(parseN)} posts.`);

  say('\n## Ingest, end to end (one transaction per run)\n');
  say('| posts | database | seconds | posts/s | peak RSS MB | COPY of the same rows, s | ingest / COPY |');
  say('|---:|---|---:|---:|---:|---:|---:|');
  const done: { size: number; kind: string; database: { url?: string; dataDir?: string }; drop: () => Promise<void> }[] = [];
  for (const size of sizes) {
    const { file } = await writeCorpus(size);
    const copy = await copyBaseline(file);
    const server = await serverDatabase(SERVER, 'sidelines_bench');
    const s = await ingest(file, { ...process.env, DATABASE_URL: server.url });
    say(`| ${fmtInt(size)} | server | ${s.seconds.toFixed(1)} | ${fmtInt(size / s.seconds)} | ${fmtInt(s.peakMb)} | ${copy.toFixed(1)} | ${(s.seconds / copy).toFixed(1)}× |`);
    done.push({ size, kind: 'server', database: { url: server.url }, drop: server.drop });
    if (!values['no-embedded'] && size <= 100_000) {
      const dir = path.join(tmp, `embedded-${size}`);
      const env: NodeJS.ProcessEnv = { ...process.env, SIDELINES_DATA_DIR: dir };
      delete env.DATABASE_URL;
      const e = await ingest(file, env);
      say(`| ${fmtInt(size)} | embedded | ${e.seconds.toFixed(1)} | ${fmtInt(size / e.seconds)} | ${fmtInt(e.peakMb)} | — | — |`);
      done.push({ size, kind: 'embedded', database: { dataDir: dir }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) });
    }
    fs.rmSync(file, { force: true });
  }

  say('\n## Dashboard API against a production build');
  for (const d of done) {
    await measureEndpoints(d.kind, d.size, d.database);
    await d.drop();
  }
  fs.writeFileSync(path.resolve(ROOT, values.out!), `${lines.join('\n')}\n`);
  console.log(`\nwritten to ${values.out}`);
}

main()
  .catch((err: unknown) => {
    console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(tmp, { recursive: true, force: true }));
