// Lint rules, including the architecture's import boundaries:
// shared/ is pure (no Node, no DOM libraries, no app layers); renderer/ never reaches Node or
// the backend; electron/ never imports the UI. tsconfig `lib`/`types` enforce the same for globals.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const backendPackages = ['electron', 'better-sqlite3', 'maxmind', 'yauzl', 'fflate', 'playwright-core', '@duckdb/node-api'];

const restrict = (paths, patterns, why) => [
  'error',
  {
    paths: paths.map((name) => ({ name, message: why })),
    patterns: patterns.map((group) => ({ group: [group], message: why })),
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's test()/describe() return promises the runner itself awaits.
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Contract handlers are async by design, whether or not a given one awaits.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [...nodeModules, ...backendPackages, 'react', 'react-dom', 'd3'],
        ['**/electron/**', '**/renderer/**', 'd3-*'],
        'shared/ is pure TypeScript: no Node, DOM, UI or backend imports.',
      ),
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': restrict(
        [...nodeModules, ...backendPackages],
        ['**/electron/**'],
        'renderer/ talks to the backend only through the typed contract in shared/.',
      ),
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([], ['**/renderer/**'], 'electron/ must not import the UI.'),
    },
  },
);
