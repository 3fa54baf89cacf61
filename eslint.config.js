import next from 'eslint-config-next';
import nextTs from 'eslint-config-next/typescript';
import tseslint from 'typescript-eslint';

const config = [
  { ignores: ['.next/**', 'node_modules/**', 'data/**', 'next-env.d.ts', '.data/**', 'screenshots/**'] },
  ...next,
  ...nextTs,
  ...tseslint.configs.recommended.filter((c) => !c.files),
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Migrations are frozen and typed on Kysely<any> so that they never depend on today's schema.
    files: ['db/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Command-line programs talk to the terminal.
    files: ['scripts/**'],
    rules: { 'no-console': 'off' },
  },
];

export default config;
