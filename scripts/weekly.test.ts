// npm run weekly as a user runs it: the sample loaded, the week's picture written to a file.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { dbKind } from '@/lib/testing/db';
import { commandEnv } from '@/lib/testing/command-env';
import { readPng } from '@/lib/testing/png';

const run = promisify(execFile);
const ROOT = process.cwd();
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

describe(`npm run weekly on the ${dbKind} database`, () => {
  const cli = commandEnv('weekly');
  beforeAll(async () => {
    await run(TSX, ['scripts/ingest.ts', 'data/sample/mfa-2023-09-19-21.txt'], { cwd: ROOT, env: cli.env });
  });

  test('--week 2023-W38 --out FILE writes the 1200×675 picture', async () => {
    const out = path.join(cli.tmp, 'w38.png');
    const { stdout } = await run(TSX, ['scripts/weekly.ts', '--week', '2023-W38', '--out', out], { cwd: ROOT, env: cli.env });
    expect(stdout).toMatch(/w38\.png: week 2023-W38, 10 contacts/);
    const info = readPng(fs.readFileSync(out));
    expect(info).toMatchObject({ width: 1200, height: 675 });
    expect(info.colors).toBeGreaterThan(20);
  });

  test('a week that does not exist is a one-line error and a non-zero exit', async () => {
    const err = await run(TSX, ['scripts/weekly.ts', '--week', '2023-W60'], { cwd: ROOT, env: cli.env }).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr.trim()).toBe('weekly: --week: "2023-W60" is not an ISO week like 2023-W38');
  });
});
