import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'
import layers from './eslint/layers.js'

// Pure layers (the rubric, the schemas) must stay portable: the score command runs them in Node,
// and the tests run them without a browser. Storage and UI imports are refused there.
const PURE_LAYER_BANNED = {
  patterns: [
    { group: ['dexie', 'dexie/*'], message: 'src/scoring and src/schema are pure: no Dexie.' },
    { group: ['pouchdb*', 'pouchdb-*'], message: 'src/scoring and src/schema are pure: no PouchDB.' },
    { group: ['preact', 'preact/*', '@preact/*'], message: 'src/scoring and src/schema are pure: no Preact.' },
    { group: ['**/store/**', '**/app/**', '**/forms/**', '**/sync/**'], message: 'Pure layers import no app layer.' },
  ],
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'test-output/', 'dev-dist/', '.bench-dist/', '.bench-pull-dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/scoring/**/*.ts', 'src/schema/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', PURE_LAYER_BANNED] },
  },
  {
    // schema ← scoring ← store ← forms | sync | exchange ← app: see eslint/layers.js.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { layers },
    rules: { 'layers/imports-go-down': 'error' },
  },
  {
    files: ['src/scoring/cli.ts'],
    rules: { 'no-console': 'off' },
  },
)
