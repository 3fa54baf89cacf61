// npm run gen as a user runs it: a JSON Lines file out, one-line errors and exit 2 on bad arguments.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';

const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sidelines-gen-'));

async function gen(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/gen.ts', ...args], { cwd: process.cwd(), maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

describe('npm run gen', () => {
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('writes the posts asked for as JSON Lines and says so in one line', async () => {
    const out = path.join(tmp, 'corpus.jsonl');
    const r = await gen(['--posts', '500', '--seed', '3', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(/500 posts, [\d.]+ MB, [\d.]+ s/);
    const lines = fs.readFileSync(out, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(500);
    const rows = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['id', 'date', 'channel', 'lang', 'text']);
      expect(row.channel === 'MID_Russia' || row.channel === 'MFARussia').toBe(true);
      expect(row.lang === 'ru' || row.lang === 'en').toBe(true);
      expect(new Date(row.date as string).toISOString()).toBe(row.date);
      expect((row.text as string).length).toBeGreaterThan(20);
    }
    expect(new Set(rows.map((r) => r.id)).size).toBe(500);
  });

  test('writes to stdout without --out, and adds the truth when asked', async () => {
    const r = await gen(['--posts', '20', '--seed', '3', '--truth']);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { truth?: { event: string } });
    expect(rows).toHaveLength(20);
    expect(rows.every((row) => typeof row.truth?.event === 'string')).toBe(true);
    expect(r.stderr).toMatch(/^gen: 20 posts/);
  });

  test.each([[['--posts', 'many']], [['--posts', '0']], [[]], [['--posts', '10', '--seed', 'x']], [['--posts', '10', '--wat']], [['--posts', '10', '--to', '2020-13-01']]])(
    'bad arguments %j: exit 2 and one line',
    async (args) => {
      const r = await gen(args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^gen: /);
      expect(r.stdout).toBe('');
    },
  );
});
