// Runs once before the test files: makes an empty embedded database and dumps it, so that each
// test file starts its own from the dump in half a second instead of initialising one (3-5 s);
// and, when browser tests are to run and the production build is missing or stale, builds it
// once, here, rather than in the first browser test (under its hook's timeout, beside the others).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/** The browser tests: they serve the production build (scripts/testing/app-server.ts). */
const BROWSER_TESTS = (fs.readdirSync('app', { recursive: true }) as string[]).filter((f) => f.endsWith('.browser.test.ts')).map((f) => path.join('app', f));

/** Whether this run includes a browser test: no file filter given, or a filter one of them matches. */
function browserTestsSelected(argv: string[]): boolean {
  const after = argv.slice(argv.findIndex((a) => /vitest(\.mjs)?$/.test(a)) + 1);
  const filters = after.filter((a) => !a.startsWith('-') && a !== 'run' && a !== 'watch');
  return filters.length === 0 || filters.some((f) => BROWSER_TESTS.some((t) => t.includes(f)));
}

export default async function setup(project: TestProject): Promise<() => void> {
  if (browserTestsSelected(process.argv)) {
    const { buildApp, buildIsStale } = await import('../start');
    if (buildIsStale()) {
      console.log('building the app once for the browser tests (the build is missing or older than the sources) ...');
      const code = await buildApp();
      if (code !== 0) throw new Error(`next build failed (exit ${code}): the browser tests need the production build`);
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidelines-test-'));
  const file = path.join(dir, 'template.tar');
  // Made on a server run too: the tests of the embedded database itself (db/pglite-thread.test.ts)
  // run on both.
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = new PGlite();
  const dump = await pg.dumpDataDir('none');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await pg.close();
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}
