// Lint, and the import boundaries of docs/architecture: a wrong arrow fails `npm test`, not a review.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/**
 * The TypeScript programs scripts/check-types-and-lint.ts has just type-checked, when it is the one running ESLint:
 * the type-aware rules read their types instead of building the same programs again. Otherwise (`npm run lint`, an
 * editor) ESLint builds them from the tsconfig files.
 */
const checkedPrograms = globalThis[Symbol.for('kakou.checked-programs')];

const zone = (target, from, message, except) => ({
  target,
  from,
  message,
  ...(except ? { except } : {}),
});

const boundaries = [
  zone(
    './src/contract',
    ['./src/db', './src/sync', './src/platform', './src/features', './src/components', './src/app', './src/server'],
    "contract is the wire format: zod schemas of the domain's shapes; it imports only the domain.",
  ),
  zone(
    './src/domain',
    [
      './src/contract',
      './src/db',
      './src/sync',
      './src/platform',
      './src/features',
      './src/components',
      './src/app',
      './src/server',
    ],
    'domain is the bottom: it imports nothing else of src (the contract builds on it, not the other way).',
  ),
  zone(
    './src/db',
    ['./src/sync', './src/features', './src/components', './src/app', './src/server'],
    'db may use domain, contract and platform/crypto only.',
  ),
  zone(
    './src/db',
    './src/platform',
    'of platform, db uses only the WebCrypto adapters (platform/crypto: the lead PIN hash).',
    ['./crypto'],
  ),
  zone(
    './src/sync',
    ['./src/platform', './src/features', './src/components', './src/app', './src/server'],
    'sync may use db, domain and contract only: the browser reaches the engine through ports the app wires (app/create-app-sync.ts).',
  ),
  zone(
    './src/platform',
    ['./src/db', './src/sync', './src/features', './src/components', './src/app', './src/server'],
    'platform adapts the browser; it knows no app code.',
  ),
  zone(
    './src/components',
    ['./src/db', './src/sync', './src/features', './src/app', './src/server'],
    'shared UI imports no feature and no data layer.',
  ),
  zone(
    './src/server',
    ['./src/db', './src/sync', './src/platform', './src/features', './src/components', './src/app'],
    'the server imports only domain and contract from src.',
  ),
  ...features.map((name) =>
    zone(`./src/features/${name}`, './src/features', `features never import each other (${name}).`, [`./${name}`]),
  ),
  zone('./src/features', ['./src/app', './src/server'], 'features do not import the composition root.'),
  zone(
    './src/app',
    './src/server',
    "the app is the tablet's program; the server is another one (they share domain and contract).",
  ),
];

/** Test support (fixtures, fakes, harnesses) is for *.test.ts files and bench/: what ships never reaches it. */
const productionBoundaries = [
  ...boundaries,
  zone('./src', './tests', 'production code never imports tests/ (tests/support is for *.test.ts files and bench/).'),
];

export default defineConfig(
  { ignores: ['dist', 'build', 'node_modules', 'dev-dist', 'coverage', 'data', '.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        ...(checkedPrograms === undefined
          ? { project: ['./tsconfig.json', './tsconfig.node.json', './tsconfig.config.json'] }
          : { programs: checkedPrograms }),
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.browser },
    },
    plugins: { 'import-x': importX, 'react-hooks': reactHooks },
    settings: {
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: productionBoundaries }],
      'import-x/no-cycle': ['error', { maxDepth: 10, ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportAllDeclaration', message: 'no barrel files' }],
    },
  },
  {
    // Where React is: its hook rules run the React Compiler over each file they check, 11.5 s of a lint run when they
    // also checked the server, the domain, the sync engine and the Node tests, none of which may import React.
    files: [
      'src/app/**',
      'src/features/**',
      'src/components/**',
      'src/platform/**',
      'src/db/**',
      'tests/**/*.tsx',
      'tests/support/**',
    ],
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/**'],
    ignores: ['src/db/**', 'src/server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(dexie|dexie-react-hooks)$', message: 'only src/db touches IndexedDB.' },
            { regex: '^(html5-qrcode|zxing-wasm)', message: 'the QR decoders live behind src/platform/scanner.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/domain/**', 'src/contract/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '^(react|react-dom|dexie|dexie-react-hooks|zustand|html5-qrcode|workbox-window|wouter|fastify|kysely)',
              message: 'domain and contract are pure.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'time comes in as an argument.' },
        { object: 'Math', property: 'random', message: 'randomness comes in as an argument.' },
      ],
      'no-restricted-globals': [
        'error',
        'fetch',
        'setTimeout',
        'setInterval',
        'window',
        'document',
        'indexedDB',
        'localStorage',
        'navigator',
      ],
    },
  },
  {
    // The domain carries no validation library: rules, vocabulary and shapes load on the first screen for free, and
    // the contract (the only place zod builds schemas for the wire) builds on them (docs/decisions/023).
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '^(react|react-dom|dexie|dexie-react-hooks|zustand|html5-qrcode|workbox-window|wouter|fastify|kysely)',
              message: 'domain and contract are pure.',
            },
            {
              regex: '^zod(/|$)',
              message: 'the domain imports no zod: schemas belong to src/contract, which builds them from the domain.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/sync/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(react|react-dom|dexie|dexie-react-hooks|html5-qrcode)',
              message: 'the sync engine has no React and no Dexie in it (it uses src/db).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/platform/scanner/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: [
      'tests/**',
      'bench/**',
      '**/*.test.ts',
      '**/*.test.tsx',
      'vite.config.ts',
      'vitest.config.ts',
      'eslint.config.js',
      'src/server/**',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['tests/**', 'bench/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      // The layers' arrows still hold for a test; only tests/support is open to it.
      'import-x/no-restricted-paths': ['error', { zones: boundaries }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-properties': 'off',
      'no-restricted-globals': 'off',
    },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
    // Parsed without types, so it needs no program of the checked ones.
    languageOptions: {
      parserOptions: { ...tseslint.configs.disableTypeChecked.languageOptions.parserOptions, programs: null },
    },
  },
  // Last: layout is Prettier's (`npm run format`), so no lint rule may disagree with it.
  prettier,
);
