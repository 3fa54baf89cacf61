// What the tests of a command-line program share: a folder of their own and a database of their
// own, given to the commands through their environment, and removed after the file's tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDb, type Database } from '@/db';
import { serverDatabase } from './server-db';

export interface CommandEnv {
  /** The environment to run commands with: this file's database. */
  readonly env: NodeJS.ProcessEnv;
  /** A folder for this file's inputs and outputs. */
  readonly tmp: string;
  /** The embedded database's folder (unused when DATABASE_URL names a server). */
  readonly dataDir: string;
  /** The same database, opened in the test's own process (another folder when given). */
  open(dataDir?: string): Promise<Kysely<Database>>;
}

/**
 * Call inside a describe block. A new database on the server of DATABASE_URL, or else an embedded
 * one in the folder; `seed` makes the embedded folder from the suite's template beforehand, so
 * the first command does not wait for initdb.
 */
export function commandEnv(name: string, opts: { seed?: boolean } = {}): CommandEnv {
  let tmp = '';
  let env: NodeJS.ProcessEnv = { ...process.env };
  let drop = async () => {};
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), `sidelines-${name}-`));
    env = { ...process.env, SIDELINES_DATA_DIR: path.join(tmp, 'db') };
    if (process.env.DATABASE_URL) {
      const server = await serverDatabase(process.env.DATABASE_URL, `sidelines_${name.replace(/\W/g, '_')}`);
      env.DATABASE_URL = server.url;
      drop = server.drop;
    } else if (opts.seed) {
      await seedDataDir(env.SIDELINES_DATA_DIR!);
    }
  });
  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    await drop();
  });
  return {
    get env() {
      return env;
    },
    get tmp() {
      return tmp;
    },
    get dataDir() {
      return env.SIDELINES_DATA_DIR!;
    },
    open(dataDir = env.SIDELINES_DATA_DIR) {
      return createDb(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir });
    },
  };
}

/** An initialised embedded database folder made from the suite's template: no initdb to wait for. */
async function seedDataDir(dir: string): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = new PGlite({ dataDir: dir, loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) });
  await pg.waitReady;
  await pg.close();
}
