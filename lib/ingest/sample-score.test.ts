import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect, test } from 'vitest';
import { extract, toScorerJson } from './extract';
import { readPostsFromFile } from './read';

const ROOT = join(__dirname, '../..');
const SAMPLE = join(ROOT, 'data/sample/mfa-2023-09-19-21.txt');

test('the bundled sample scores at least 0.95 F1 on contact events and countries', async () => {
  const posts = await readPostsFromFile(SAMPLE);
  const json = toScorerJson(extract(posts, { source: basename(SAMPLE) }));
  const out = join(mkdtempSync(join(tmpdir(), 'sidelines-score-')), 'predicted.json');
  writeFileSync(out, JSON.stringify(json, null, 1));
  const run = spawnSync(
    process.execPath,
    [join(ROOT, 'data/eval/score.mjs'), out, join(ROOT, 'data/eval/sample-gold.json'), '--min-f1', '0.95', '--min-country-f1', '0.95', '--verbose'],
    { encoding: 'utf8' },
  );
  expect(run.stdout + run.stderr).toMatch(/^OK: /m);
  expect(run.status).toBe(0);
  expect(json.posts).toBe(18);
});
