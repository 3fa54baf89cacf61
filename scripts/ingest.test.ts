// The ingest command as a user runs it: real files in, exit codes and one-line errors out.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { dbKind } from '@/lib/testing/db';
import { commandEnv } from '@/lib/testing/command-env';

const run = promisify(execFile);
const ROOT = process.cwd();
const SAMPLE = path.join(ROOT, 'data/sample/mfa-2023-09-19-21.txt');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

describe(`npm run ingest on the ${dbKind} database`, () => {
  const cli = commandEnv('cli');

  async function ingest(...args: string[]): Promise<Result> {
    try {
      const { stdout, stderr } = await run(TSX, ['scripts/ingest.ts', ...args], { env: cli.env, cwd: ROOT, maxBuffer: 64 << 20 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  async function stored(): Promise<{ posts: number; events: number }> {
    const db = await cli.open();
    try {
      const n = async (t: 'posts' | 'events') =>
        Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      return { posts: await n('posts'), events: await n('events') };
    } catch {
      return { posts: 0, events: 0 };
    } finally {
      await db.destroy();
    }
  }

  function file(name: string, content: string | Buffer): string {
    const p = path.join(cli.tmp, name);
    fs.writeFileSync(p, content);
    return p;
  }

  test('--dry-run --json prints the events and writes nothing', async () => {
    const r = await ingest('--dry-run', '--json', SAMPLE);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.posts).toBe(18);
    expect(out.events.length).toBeGreaterThan(8);
    expect(out.events.find((e: { countries: string[] }) => e.countries.includes('VE'))).toMatchObject({ date: '2023-09-20', type: 'meeting' });
    // The parser handles every sample post: the list of those it could not is there, and empty.
    expect(out.errors).toEqual([]);
    expect(r.stderr).not.toMatch(/could not be parsed/);
    expect(fs.existsSync(cli.dataDir) && !cli.env.DATABASE_URL).toBe(false);
  });

  test('a run stores the posts and prints a summary; a second run adds nothing', async () => {
    const first = await ingest(SAMPLE, '--channel', 'MID_Russia');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/posts read\s+18/);
    expect(first.stdout).toMatch(/new\s+18/);
    expect(first.stdout).toMatch(/posts failed\s+0/);
    expect(first.stderr).not.toMatch(/could not be parsed/);
    const after = await stored();
    expect(after.posts).toBe(18);
    const second = await ingest(SAMPLE, '--channel', 'MID_Russia');
    expect(second.stdout).toMatch(/already stored\s+18/);
    expect(second.stdout).toMatch(/events created\s+0/);
    expect(await stored()).toEqual(after);
  });

  test.each([
    ['a missing file', () => path.join(cli.tmp, 'nope.json'), /nope\.json/],
    ['a directory', () => cli.tmp, /director/i],
    ['an empty file', () => file('empty.txt', ''), /empty/i],
    ['truncated JSON', () => file('cut.json', '{"name": "MFA", "type": "public_channel", "messages": [{"id": 1, "type": "message", "te'), /cut\.json.*(line|position|offset)/i],
    ['a JSON that is not a channel export', () => file('other.json', '{"hello": "world"}'), /other\.json/],
    ['text that is not UTF-8', () => file('latin1.txt', Buffer.from([0x4d, 0x49, 0xc4, 0x20, 0xff, 0xfe, 0x0a])), /UTF-8/],
    ['malformed JSON Lines', () => file('bad.jsonl', '{"text": "ok"}\n{"text": \n'), /bad\.jsonl.*line 2/],
  ])('%s: one clear line, non-zero exit, nothing written', async (_name, make, message) => {
    const before = await stored();
    const good = file('good.jsonl', '{"id": "1", "text": "🇷🇺🇮🇳 On May 5, 2024, Sergey Lavrov held talks with Minister of External Affairs of India Subrahmanyam Jaishankar."}\n');
    // The good file comes first: it must not be stored when a later file is bad.
    const r = await ingest(good, make());
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(await stored()).toEqual(before);
  });

  test('bad options are usage errors', async () => {
    expect((await ingest('--format', 'xml', SAMPLE)).stderr).toMatch(/--format must be one of/);
    expect((await ingest('--year', '20x3', SAMPLE)).code).toBe(2);
    expect((await ingest()).stderr).toMatch(/no input file/);
  });
});
