import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import react from 'eslint-plugin-react'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const electronOnlyInMain = {
  paths: [
    { name: 'electron', message: 'Only electron/main/ and electron/preload/ may import electron.' },
  ],
}

export default tseslint.config(
  { ignores: ['out/', 'node_modules/', 'tests/e2e/artifacts/', 'native/electron-abi/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': ['error', electronOnlyInMain],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { react, 'react-hooks': reactHooks },
    settings: { react: { version: 'detect' } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs['jsx-runtime'].rules,
      ...reactHooks.configs.recommended.rules,
      // Every visible string comes from the locale files (vi, en).
      'react/jsx-no-literals': [
        'error',
        { noStrings: true, ignoreProps: true, allowedStrings: ['·', '—', ':'] },
      ],
      'no-restricted-imports': [
        'error',
        {
          ...electronOnlyInMain,
          patterns: [
            {
              group: ['node:*'],
              message: 'The renderer has no Node: ask the core through the client.',
            },
            {
              group: ['**/core', '**/core/*', '**/electron/core/**'],
              message: 'The renderer reaches the core only through the contract client.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'tests/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Renderer tests run under Node (vitest) and may read the source tree.
    files: ['renderer/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', electronOnlyInMain] },
  },
  prettier,
)
