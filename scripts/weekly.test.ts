// npm run weekly as a user runs it: the sample loaded, the week's picture written to a file.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dbKind, serverDatabase } from '@/lib/testing/db';
import { readPng } from '@/lib/testing/png';

const run = promisify(execFile);
const ROOT = process.cwd();
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

describe(`npm run weekly on the ${dbKind} database`, () => {
  let tmp: string;
  let env: NodeJS.ProcessEnv;
  let drop = async () => {};

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sidelines-weekly-'));
    env = { ...process.env, SIDELINES_DATA_DIR: path.join(tmp, 'db') };
    if (process.env.DATABASE_URL) {
      const server = await serverDatabase(process.env.DATABASE_URL, 'sidelines_weekly');
      env.DATABASE_URL = server.url;
      drop = server.drop;
    }
    await run(TSX, ['scripts/ingest.ts', 'data/sample/mfa-2023-09-19-21.txt'], { cwd: ROOT, env });
  }, 120_000);
  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    await drop();
  });

  test('--week 2023-W38 --out FILE writes the 1200×675 picture', async () => {
    const out = path.join(tmp, 'w38.png');
    const { stdout } = await run(TSX, ['scripts/weekly.ts', '--week', '2023-W38', '--out', out], { cwd: ROOT, env });
    expect(stdout).toMatch(/w38\.png: week 2023-W38, 10 contacts/);
    const info = readPng(fs.readFileSync(out));
    expect(info).toMatchObject({ width: 1200, height: 675 });
    expect(info.colors).toBeGreaterThan(20);
  });

  test('a week that does not exist is a one-line error and a non-zero exit', async () => {
    const err = await run(TSX, ['scripts/weekly.ts', '--week', '2023-W60'], { cwd: ROOT, env }).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr.trim()).toBe('weekly: --week: "2023-W60" is not an ISO week like 2023-W38');
  });
});
