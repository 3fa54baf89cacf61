import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Tests that never reach the database DATABASE_URL names: the layers the lint rules keep from
 * every database (lib/domain, the parser, the browser's components), the embedded database's own
 * tests (they open an embedded database whatever DATABASE_URL says) and the dev tools that read
 * and write files only. They run on the embedded pass; the pass on a PostgreSQL server runs the
 * rest, which is every test that reads or writes through the database layer.
 * scripts/lint-layers.test.ts holds the list to that: none of these may use the test harness's
 * databases.
 */
export const DATABASE_FREE_TESTS = [
  'lib/domain/**',
  'lib/ingest/**',
  'components/**',
  'db/embedded.test.ts',
  'db/pglite-thread.test.ts',
  'lib/load/socket-protocol.test.ts',
  'lib/server/ingest-socket.test.ts',
  'scripts/bench/**',
  'scripts/eval.test.ts',
  'scripts/gen.test.ts',
  'scripts/lint-layers.test.ts',
];

const onServer = Boolean(process.env.DATABASE_URL);

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('.', import.meta.url)),
      // Next.js guards server modules with 'server-only'; outside Next it is a no-op.
      'server-only': fileURLToPath(new URL('./scripts/testing/server-only.ts', import.meta.url)),
    },
  },
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', '.next/**', ...(onServer ? DATABASE_FREE_TESTS : [])],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two test files at a time on two cores (the default leaves one core to vitest itself): many
    // wait on a subprocess, a PostgreSQL server or Chromium rather than use their core.
    maxWorkers: 2,
    globalSetup: ['scripts/testing/global-setup.ts'],
  },
});
