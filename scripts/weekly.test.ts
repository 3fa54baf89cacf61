// npm run weekly as a user runs it: the sample loaded, the week's picture written to a file. The
// program's main runs in this process; the first test starts it as a process, as npm run does.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { runMain } from '@/scripts/testing/cli';
import { dbKind } from '@/scripts/testing/db';
import { commandEnv } from '@/scripts/testing/command-env';
import { readPng } from '@/scripts/testing/png';
import { main as ingest } from './ingest';
import { main as weekly } from './weekly';

const run = promisify(execFile);
const ROOT = process.cwd();
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

describe(`npm run weekly on the ${dbKind} database`, () => {
  const cli = commandEnv('weekly', { seed: true });
  beforeAll(async () => {
    const r = await runMain(ingest, ['data/sample/mfa-2023-09-19-21.txt'], cli.env);
    expect(r.code, r.stderr).toBe(0);
  });

  test('--week 2023-W38 --out FILE, started as a process, writes the 1200×675 picture', async () => {
    const out = path.join(cli.tmp, 'w38.png');
    const { stdout } = await run(TSX, ['scripts/weekly.ts', '--week', '2023-W38', '--out', out], { cwd: ROOT, env: cli.env });
    expect(stdout).toMatch(/w38\.png: week 2023-W38, 10 contacts/);
    const info = readPng(fs.readFileSync(out));
    expect(info).toMatchObject({ width: 1200, height: 675 });
    expect(info.colors).toBeGreaterThan(20);
  });

  test('--size square writes the 1080×1080 picture', async () => {
    const out = path.join(cli.tmp, 'w38-square.png');
    const r = await runMain(weekly, ['--week', '2023-W38', '--size', 'square', '--out', out], cli.env);
    expect(r.code, r.stderr).toBe(0);
    expect(readPng(fs.readFileSync(out))).toMatchObject({ width: 1080, height: 1080 });
  });

  test.each([
    [['--week', '2023-W60'], 'weekly: --week: "2023-W60" is not an ISO week like 2023-W38'],
    [['--week', '2023-W38', '--size', 'huge'], 'weekly: --size must be wide or square (got "huge")'],
    [['--week', '2023-W38', '--filters', 'country=QQ'], /^weekly: --filters: country\.0: /],
  ])('%j is a one-line error and a non-zero exit', async (args, message) => {
    const r = await runMain(weekly, args, cli.env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
