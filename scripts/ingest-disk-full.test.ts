// A disk that fills up during `npm run ingest`, for real: the database lives on a small tmpfs
// (mounting one needs root, so elsewhere the test is skipped). The command must say that the
// disk is full, in one line, not what PostgreSQL died of ("cannot drop active portal"); nothing
// of the run may be left behind, and once space is freed the same command completes.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import pg from 'pg';
import { createDb } from '@/db';
import { generateCorpus } from '@/scripts/bench/corpus';
import { dbKind } from '@/scripts/testing/db';
import { postgresBin, privatePostgres, type PrivatePostgres } from '@/scripts/testing/private-pg';

const run = promisify(execFile);
const ROOT = process.cwd();
const POSTS = 4_000;

function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'sidelines-mount-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
}

const possible = canMount() && (dbKind === 'embedded' || postgresBin() !== null);

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function ingest(env: NodeJS.ProcessEnv, file: string): Promise<Result> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', file], { env, cwd: ROOT, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const bytesUsed = (dir: string) => {
  const s = fs.statfsSync(dir);
  return (s.blocks - s.bfree) * s.bsize;
};

describe.runIf(possible)(`a disk that fills up during ingest (${dbKind} database)`, () => {
  let tmp = '';
  let mount = '';
  let corpus = '';
  let server: PrivatePostgres | undefined;
  let env: NodeJS.ProcessEnv = { ...process.env };

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sidelines-diskfull-'));
    mount = path.join(tmp, 'disk');
    fs.mkdirSync(mount);
    corpus = path.join(tmp, 'corpus.jsonl');
    fs.writeFileSync(corpus, [...generateCorpus({ posts: POSTS, seed: 7 })].map((p) => JSON.stringify({ id: p.id, date: p.date, channel: p.channel, lang: p.lang, text: p.text })).join('\n'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256m', 'tmpfs', mount]);
    if (dbKind === 'embedded') {
      // The suite's migrated template, then the disk shrunk to 12 MB more than it holds.
      const dataDir = path.join(mount, 'db');
      const { PGlite } = await import('@electric-sql/pglite');
      const db = new PGlite({ dataDir, loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) });
      await db.waitReady;
      await db.close();
      env = { ...process.env, SIDELINES_DATA_DIR: dataDir };
      delete env.DATABASE_URL;
      delete env.DATABASE_URL_WRITE;
    } else {
      // A server of the test's own, its database in a tablespace on the small disk (the WAL
      // stays on the server's own disk, so it is a table that cannot grow).
      server = await privatePostgres();
      const space = path.join(mount, 'space');
      fs.mkdirSync(space);
      execFileSync('chown', ['postgres', space]);
      // The server runs as postgres: it must reach the folder through the test's own.
      fs.chmodSync(tmp, 0o755);
      const client = new pg.Client({ connectionString: server.url });
      client.on('error', () => {});
      await client.connect();
      try {
        await client.query(`create tablespace small location '${space}'`);
        await client.query('create database sidelines_full tablespace small');
      } finally {
        await client.end();
      }
      env = { ...process.env, DATABASE_URL: server.url.replace(/\/postgres$/, '/sidelines_full') };
      delete env.DATABASE_URL_WRITE;
      delete env.SIDELINES_DATA_DIR;
    }
    const size = Math.ceil((bytesUsed(mount) + 12 * 1024 * 1024) / (1024 * 1024));
    execFileSync('mount', ['-o', `remount,size=${size}m`, mount]);
  }, 120_000);

  afterAll(async () => {
    await server?.destroy();
    if (mount) execFileSync('umount', [mount]);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('the run stops with one line that says the disk is full, and nothing of it is stored', async () => {
    const r = await ingest(env, corpus);
    expect(r.code).toBe(1);
    const where = dbKind === 'embedded' ? env.SIDELINES_DATA_DIR : 'the server';
    expect(r.stderr.trim()).toBe(`ingest: no space left on the device holding the database (${where}): free some space and run it again`);
    expect(r.stderr).not.toMatch(/portal|PANIC|at .*\.ts:\d+/);

    // Space freed, the database opens and holds nothing of the run.
    execFileSync('mount', ['-o', 'remount,size=1g', mount]);
    const db = await createDb(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.SIDELINES_DATA_DIR });
    try {
      const { n } = await db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n)).toBe(0);
    } finally {
      await db.destroy();
    }
  }, 300_000);

  test('with space again, the same command completes', async () => {
    const r = await ingest(env, corpus);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`posts read\\s+${POSTS}`));
  }, 300_000);
});
