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
    // The layers (ARCHITECTURE.md, "Layers"): each imports only the ones below it. Tests may use
    // anything, the dev tools in scripts/ included.
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './lib/domain',
              from: ['./app', './components', './db', './lib/ingest', './lib/load', './lib/weekly', './lib/server', './scripts'],
              message: 'lib/domain is the bottom layer: it imports no other part of the project',
            },
            {
              target: './db',
              from: ['./app', './components', './lib/ingest', './lib/load', './lib/weekly', './lib/server', './scripts'],
              message: 'db imports only lib/domain',
            },
            {
              target: './lib/ingest',
              from: ['./app', './components', './db', './lib/load', './lib/weekly', './lib/server', './scripts'],
              message: 'the parser (lib/ingest) imports only lib/domain',
            },
            {
              target: './lib/load',
              from: ['./app', './components', './lib/weekly', './lib/server', './scripts'],
              message: 'the loader (lib/load) imports lib/domain, db and the parser only',
            },
            {
              target: './lib/weekly',
              from: ['./app', './components', './lib/ingest', './lib/load', './lib/server', './scripts'],
              message: 'the card rendering (lib/weekly) imports lib/domain and db only',
            },
            {
              target: './lib/server',
              from: ['./app', './components', './scripts'],
              message: "the web tier's plumbing (lib/server) imports lib/domain, db, lib/load and lib/weekly only",
            },
            {
              // A search is read with the parser's vocabulary; nothing else of the parser serves pages.
              target: './lib/server',
              from: './lib/ingest',
              except: ['./query.ts'],
              message: "the web tier's plumbing (lib/server) imports of the parser only its reading of a search (lib/ingest/query.ts)",
            },
            {
              target: './components',
              from: ['./app', './lib/ingest', './lib/load', './lib/weekly', './lib/server', './scripts'],
              message: 'components run in the browser: they import lib/domain and components only (and the types of db answers)',
            },
            {
              target: './app',
              from: ['./lib/ingest', './lib/load', './scripts'],
              message: 'the web app reads through lib/server and db; the parser, the loader and the dev tools are not part of it',
            },
          ],
        },
      ],
    },
  },
  {
    // The browser's code may name the shapes of the database's answers, never run its code.
    files: ['components/**/*.ts', 'components/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/db', '@/db/*'], allowTypeImports: true, message: 'components may import only the types of db answers' }] },
      ],
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
