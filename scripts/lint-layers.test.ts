// The layers of ARCHITECTURE.md hold because `npm run lint` refuses an import against them: each
// case lints one import from a file of one layer and expects the error (or none).
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';
import { DATABASE_FREE_TESTS } from '@/vitest.config';

const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath });
  return result!.messages
    .filter((m) => m.ruleId === 'import/no-restricted-paths' || m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('npm run lint keeps the layers', () => {
  test.each([
    ['db/queries/layer-case.ts', "import { readDatabase as x } from '@/lib/server/route';", /db imports only lib\/domain/],
    ['db/queries/layer-case.ts', "import { parsePost as x } from '@/lib/ingest/parse';", /db imports only lib\/domain/],
    ['lib/domain/layer-case.ts', "import { createDb as x } from '@/db';", /lib\/domain is the bottom layer/],
    ['lib/ingest/layer-case.ts', "import { storePosts as x } from '@/lib/load/store';", /the parser \(lib\/ingest\) imports only lib\/domain/],
    ['components/layer-case.ts', "import { getDb as x } from '@/lib/server/db';", /components run in the browser/],
    ['components/layer-case.ts', "import { headline as x } from '@/db/queries/stats';", /only the types of db answers/],
    ['lib/server/layer-case.ts', "import { generateCorpus as x } from '@/scripts/bench/corpus';", /lib\/server\) imports/],
    ['lib/server/layer-case.ts', "import { parsePost as x } from '@/lib/ingest/parse';", /only its reading of a search/],
    ['app/layer-case.ts', "import { storePosts as x } from '@/lib/load/store';", /the web app reads through lib\/server and db/],
  ])('%s: %s is refused', async (file, code, message) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  }, 60_000);

  test.each([
    ['db/queries/layer-case.ts', "import { parseFilters as x } from '@/lib/domain/filters';"],
    ['components/layer-case.ts', "import type { Headline as x } from '@/db/queries/stats';"],
    ['lib/load/layer-case.ts', "import { parsePost as x } from '@/lib/ingest/parse';"],
    ['app/layer-case.ts', "import { getDb as x } from '@/lib/server/db';"],
    ['lib/server/layer-case.ts', "import { resolveSearch as x } from '@/lib/ingest/query';"],
    ['db/queries/layer-case.test.ts', "import { generateCorpus as x } from '@/scripts/bench/corpus';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  }, 60_000);
});

/** Every test file under `dir`, relative to the project. */
function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return testFiles(rel);
    return /\.test\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

describe('the tests run on the embedded pass only', () => {
  const files = DATABASE_FREE_TESTS.flatMap((g) => (g.endsWith('/**') ? testFiles(g.slice(0, -3)) : [g]));

  test('are there, and none of them reaches the database DATABASE_URL names', () => {
    expect(files.length).toBeGreaterThan(25);
    // (This file names them, to look for them.)
    const reaching = files.filter((f) => f !== 'scripts/lint-layers.test.ts').filter((f) => {
      const text = fs.readFileSync(f, 'utf8');
      return /scripts\/testing\/(db|fixture-db|app-server|server-db|private-pg|cli)'|DATABASE_URL/.test(text);
    });
    expect(reaching).toEqual([]);
  });
});
