import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * A relative import climbing into one of `folders`, or a path through `src/` to one.
 * @param {string[]} folders
 */
const into = (folders) => {
  const names = `(${folders.join('|')})`;
  return `^(\\./)?(\\.\\./)+${names}(/|$)|(^|/)src/${names}(/|$)`;
};
const uiStack = [
  'svelte',
  'svelte/*',
  'monaco-editor',
  'monaco-editor/*',
  'monaco-yaml',
  'monaco-yaml/*',
  'd3',
  'd3-*',
];

// Imports point one way: ui -> machines -> engine; workers -> engine; the engine imports
// nothing of the app and none of the UI stack.
/** @type {import('eslint').Linter.Config[]} */
const boundaries = [
  {
    files: ['src/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: into(['ui', 'machines', 'workers', 'cli']),
              message: 'The engine is pure: it may not import the UI, machines, workers or CLI.',
            },
            {
              group: [...uiStack, 'xstate', 'xstate/*', '@xstate/*'],
              message: 'The engine is pure TypeScript: no Svelte, Monaco, d3 or XState.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/machines/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: into(['ui']),
              message: 'Machines may not import the UI: the UI imports the machines.',
            },
            {
              group: uiStack,
              message: 'Machines hold no Svelte, Monaco or d3: test them without a UI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/workers/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: into(['ui']),
              message: 'Workers may not import the UI.',
            },
          ],
        },
      ],
    },
  },
];

export default ts.config(
  {
    ignores: [
      // Ajv validators precompiled from the schemas (scripts/gen-validators.ts).
      '**/*.validate.ts',
      'dist/',
      'node_modules/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      'blob-report/',
      '.bench/',
      '.scratch/',
      '**/*.schema.json',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  ...boundaries,
);
