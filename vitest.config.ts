import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

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
    exclude: ['node_modules/**', '.next/**'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two test files at a time on two cores (the default leaves one core to vitest itself): many
    // wait on a subprocess, a PostgreSQL server or Chromium rather than use their core.
    maxWorkers: 2,
    globalSetup: ['scripts/testing/global-setup.ts'],
  },
});
