// npm start: migrates the database, loads the bundled sample into an empty one, builds the app
// when the build is missing or older than the sources, then serves it on PORT (default 3000).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { configFromEnv, createDb, describeConfig, migrateToLatest } from '@/db';
import { readPostsFromFile } from '@/lib/ingest/read';
import { SAMPLE_CHANNEL } from '@/lib/load/channel';
import { storePosts } from '@/lib/load/store';
import { runIfEntry } from './io';

const ROOT = process.cwd();
const SAMPLE_DIR = path.join(ROOT, 'data', 'sample');
const SOURCES = ['app', 'components', 'lib', 'db', 'public', 'proxy.ts', 'instrumentation.ts', 'package.json', 'package-lock.json', 'next.config.js', 'tsconfig.json'];
const NEXT = path.join(ROOT, 'node_modules', '.bin', 'next');

async function prepareDatabase(): Promise<void> {
  const config = configFromEnv();
  const db = await createDb(config);
  try {
    await migrateToLatest(db);
    const { n } = await db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(n) > 0) {
      console.log(`${describeConfig(config)}: ${n} posts`);
      return;
    }
    const files = fs.readdirSync(SAMPLE_DIR).filter((f) => !f.startsWith('.')).sort();
    const posts = [];
    for (const f of files) posts.push(...(await readPostsFromFile(path.join(SAMPLE_DIR, f), { channel: SAMPLE_CHANNEL })));
    const s = await storePosts(db, posts, { channel: SAMPLE_CHANNEL });
    console.log(`${describeConfig(config)} was empty: loaded the bundled sample, ${s.postsNew} posts, ${s.eventsCreated} events`);
  } finally {
    // The server opens the embedded database next; it must be released first.
    await db.destroy();
  }
}

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) {
    if (entry.endsWith('.test.ts') || entry.endsWith('.test.tsx')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

/** Whether the production build is missing or older than any of its sources. */
export function buildIsStale(): boolean {
  const buildId = path.join(ROOT, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(ROOT, s)) > built);
}

/** `next build`, its output on this terminal: its exit code. */
export function buildApp(): Promise<number> {
  return run(['build']);
}

function run(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    // Usage telemetry would try the network, which a machine running this may not have.
    const child = spawn(NEXT, args, { stdio: 'inherit', env: { NEXT_TELEMETRY_DISABLED: '1', ...process.env } });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function serve(): Promise<number> {
  await prepareDatabase();
  if (buildIsStale()) {
    console.log('building the dashboard (the build is missing or older than the sources) ...');
    const code = await buildApp();
    if (code !== 0) return code;
  }
  const port = process.env.PORT || '3000';
  return run(['start', '-p', port]);
}

export async function main(): Promise<number> {
  try {
    return await serve();
  } catch (err) {
    console.error(`start: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

runIfEntry(import.meta.url, main);
