import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import react from 'eslint-plugin-react'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import tseslint from 'typescript-eslint'

const electronOnlyInMain = {
  paths: [
    { name: 'electron', message: 'Only electron/main/ and electron/preload/ may import electron.' },
  ],
}

const SOURCE = ['**/*.{ts,tsx}']
const TESTS = ['**/*.test.{ts,tsx}', 'tests/**']
const DRIVERS = ['smartcard', 'fingerprint', 'camera', 'barcode']
/** Outside drivers/, a driver is reached only through its public index. */
const driverInternals = {
  from: './drivers',
  except: DRIVERS.map((name) => `./${name}/index.ts`),
  message: 'Import a driver through its public index (drivers/<name>), never its internal files.',
}
/**
 * The one driver entry the renderer may use: the portrait analysis runs in the renderer's worker
 * for live feedback (and again in main), so the renderer imports drivers/camera/browser.ts and the
 * plain type files it re-exports, nothing else of drivers/.
 */
const CAMERA_FOR_RENDERER = [
  './drivers/camera/browser.ts',
  './drivers/camera/types.ts',
  './drivers/camera/quality/assessment.ts',
  './drivers/camera/quality/component-names.ts',
]
const onlyFrom = (target, allowed, message) => ({
  target,
  from: '.',
  except: [...allowed, './node_modules'],
  message,
})

/**
 * Dependencies run one way (../shared/DESIGN.md, "Layout"). Each zone forbids `target` to import
 * from `from` (except the listed paths); the shells (electron/main, host, cli) may start the
 * training upstream, so only electron/core is kept away from upstream/.
 */
const boundaryZones = [
  onlyFrom(
    './renderer',
    ['./renderer', './electron/contract', './resources/locales', ...CAMERA_FOR_RENDERER],
    'The renderer imports only the contract (and the locale files, and drivers/camera/browser.ts for the live portrait analysis).',
  ),
  onlyFrom(
    './electron/contract',
    ['./electron/contract', './lib/schema.ts'],
    'The contract imports only zod, itself and lib/schema.ts (the one safe zod parse).',
  ),
  onlyFrom(
    './electron/preload',
    ['./electron/preload', './electron/contract'],
    'The preload exposes only the contract client.',
  ),
  onlyFrom('./protocol', ['./protocol', './lib'], 'protocol/ imports only lib/.'),
  onlyFrom(
    './lib',
    ['./lib', './resources/locales'],
    'lib/ belongs to no package and imports none.',
  ),
  ...DRIVERS.map((name) =>
    onlyFrom(
      `./drivers/${name}`,
      [`./drivers/${name}`, './lib'],
      'A driver imports only lib/: never another driver, electron/ or upstream/.',
    ),
  ),
  {
    target: './electron/core',
    from: './upstream',
    message: 'The core never imports the upstream: the shells hand it one.',
  },
  {
    target: './electron/core',
    from: './electron',
    except: ['./core', './contract'],
    message: 'The core imports only the contract of electron/.',
  },
  {
    target: './electron',
    from: './renderer',
    message: 'Main-process code never imports the renderer.',
  },
  {
    target: './upstream',
    from: './electron',
    message: 'The upstream never imports the kiosk (electron/).',
  },
  {
    target: './upstream',
    from: './renderer',
    message: 'The upstream never imports the kiosk renderer.',
  },
  { target: ['./electron', './upstream'], ...driverInternals },
]

/**
 * zod's parse and safeParse may throw on hostile input (zod 4.6: a string length check given an
 * object whose `length` will not convert); lib/schema.ts turns that into a failed result, so every
 * schema check goes through it. JSON.parse and Date.parse are not zod.
 */
const zodParseOutsideWrapper = {
  selector:
    "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(parse|safeParse|parseAsync|safeParseAsync|spa)$/]:not([callee.object.name=/^(JSON|Date)$/])",
  message:
    'Check data with safeParse(schema, input) or parse(schema, input) from lib/schema.ts (the renderer: from the contract): zod’s own methods can throw on hostile input.',
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
      'no-restricted-syntax': ['error', zodParseOutsideWrapper],
    },
  },
  {
    files: ['lib/schema.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: SOURCE,
    plugins: { 'import-x': importX },
    settings: {
      // no-cycle parses each imported file to follow the graph: .ts needs the TypeScript parser.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: boundaryZones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-duplicates': 'error',
    },
  },
  {
    // Tests may reach into a package's internals to test them; the one-way rules still hold.
    files: TESTS,
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { zones: boundaryZones.filter((zone) => zone !== boundaryZones.at(-1)) },
      ],
    },
  },
  {
    files: SOURCE,
    ignores: TESTS,
    rules: {
      'max-lines': ['error', { max: 400 }],
      'max-lines-per-function': ['error', { max: 80 }],
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
    // The upstream's review page runs in the browser (its Vite config runs under Node).
    files: ['upstream/server/review/page/**/*.ts'],
    ignores: ['upstream/server/review/page/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
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
