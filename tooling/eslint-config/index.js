// The lint setup every workspace shares: typed TypeScript rules that catch floating
// promises and non-exhaustive switches, plus the purity block for the rules core.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { pureCore } from './pure.js';

/** @param {{ pure: string[] }} options globs of packages that must stay free of I/O and clocks */
export function chronicleConfig({ pure }) {
  return tseslint.config(
    { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '**/*.d.ts'] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: {
        parserOptions: { projectService: true },
        globals: { ...globals.node },
      },
      rules: {
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/switch-exhaustiveness-check': [
          'error',
          { considerDefaultExhaustiveForUnions: true },
        ],
        '@typescript-eslint/consistent-type-imports': 'error',
        '@typescript-eslint/no-unused-vars': [
          'error',
          { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
        ],
      },
    },
    {
      // The console: React's rules of hooks, and the browser's globals.
      files: ['apps/console/src/**/*.tsx', 'apps/console/src/**/*.ts'],
      plugins: { 'react-hooks': reactHooks },
      rules: reactHooks.configs.recommended.rules,
      languageOptions: { globals: { ...globals.browser } },
    },
    {
      files: ['**/*.js', '**/*.mjs'],
      languageOptions: { globals: { ...globals.node } },
    },
    { files: pure, ...pureCore },
    {
      // Tests of the pure packages may build fixtures with fs (golden files) but the
      // code under test may not.
      files: pure.map((g) => g.replace(/src\/\*\*.*$/, 'test/**/*.ts')),
      rules: { 'no-restricted-imports': 'off' },
    },
  );
}
