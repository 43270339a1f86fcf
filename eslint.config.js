// Flat config. The import-boundary rules are the point: they keep each
// environment honest (see shared/STYLE.md, "Folders name the environment").
import globals from 'globals';
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

const electronForbidden = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import electron: the core and drivers run in plain Node too.',
};

const rendererBoundary = [
  { group: ['**/electron/main', '**/electron/main/**', '**/electron/preload', '**/electron/preload/**'], message: 'The renderer talks to main only through the contract.' },
  { group: ['**/electron/core', '**/electron/core/**', '**/electron/host', '**/electron/host/**'], message: 'The renderer reaches the core only through electron/contract and its host module.' },
  { group: ['**/drivers/**', '**/central/**'], message: 'The renderer never touches devices or the central server; shared rules live in common/.' },
  { group: ['node:*'], message: 'The renderer is a sandboxed web page: no Node modules.' },
];

// Import specifiers of our own folders, as regular expressions over the
// specifier: `folder('drivers')` matches '../drivers/x' and '../../drivers';
// `sibling('core')` matches '../core/x' from inside electron/. Packages are
// never matched. The same direction, with cycles and type imports, is checked
// over the whole tree by dependency-cruiser (.dependency-cruiser.mjs).
const folder = (...names) => `^\\.\\.?/(?:.*/)?(?:${names.join('|')})(?:/|$)`;
const sibling = (...names) => `^(?:\\.\\./)+(?:${names.join('|')})(?:/|$)`;
const electronPart = (...names) => [folder(...names.map((name) => `electron/${name}`)), sibling(...names)];
const restrict = (regexes, message) => regexes.map((regex) => ({ regex, message }));

/** Tests and rigs may import across layers (shared/ARCHITECTURE.md). */
const TESTS = ['**/*.test.ts', '**/testing/**'];

// A type import leaves nothing at run time, so the core may name central's types.
const centralOnlyDynamically = restrict(
  [folder('central')],
  "The core reaches central over HTTPS; only the demo's embedded central loads it, with import() (electron/core/start.ts).",
).map((pattern) => ({ ...pattern, allowTypeImports: true }));
const coreBoundary = [
  ...restrict(electronPart('main', 'preload', 'host'), 'The core runs under main or the browser host, never the other way round.'),
  ...restrict([folder('renderer')], 'The core serves the renderer through electron/contract; it never imports it.'),
];
const centralBoundary = restrict([folder('electron', 'renderer')], 'Central shares only common/ with the kiosk.');
const centralNotDrivers = restrict([folder('drivers')], 'Central shares only common/ with the kiosk: move what it needs from drivers/ to common/.');

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', '.tsbuild/**', 'test-results/**', 'playwright-report/**', 'bench/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.name='eval']", message: 'No eval: the CSP forbids it and so do we.' }],
      'no-new-func': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { paths: [electronForbidden], patterns: rendererBoundary }] },
  },
  {
    // The renderer bundle carries no zod: the schemas sit in electron/contract/serve,
    // on the core's side. Test doubles standing in for the core may use them.
    files: ['renderer/**/*.{ts,vue}'],
    ignores: [...TESTS, 'renderer/test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronForbidden],
          patterns: [
            ...rendererBoundary,
            { group: ['zod', 'zod/*', '**/contract/serve', '**/contract/serve/**'], message: 'No zod in the renderer bundle: schemas are the core\'s (electron/contract/serve).' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'drivers/**/*.ts', 'central/**/*.ts', 'electron/host/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronForbidden] }] },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...restrict([...electronPart('core', 'host'), folder('drivers')], 'main starts the core as a process by path, and preload hands the renderer the contract: neither imports the core or the devices.'),
            ...restrict([folder('central', 'renderer')], 'main and preload know electron/contract and common/ only.'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { paths: [electronForbidden], patterns: [...coreBoundary, ...centralOnlyDynamically] }] },
  },
  {
    files: ['drivers/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronForbidden], patterns: restrict([folder('electron', 'renderer', 'central')], 'Drivers sit under the core: they import common/ and nothing above it.') },
      ],
    },
  },
  {
    files: ['electron/host/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronForbidden],
          patterns: [
            ...restrict(electronPart('main', 'preload'), 'The browser host stands beside main, not on it.'),
            ...restrict([folder('drivers', 'central', 'renderer')], 'The browser host runs the core and serves the built renderer; devices and central come through the core.'),
          ],
        },
      ],
    },
  },
  {
    files: ['central/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { paths: [electronForbidden], patterns: [...centralBoundary, ...centralNotDrivers] }] },
  },
  {
    // common/ runs anywhere (core, renderer, central, drivers): pure TypeScript
    // and zod, importing nothing of the kiosk above it. tsconfig.common.json
    // typechecks it without Node or DOM types; this rule catches the imports.
    files: ['common/**/*.ts'],
    ignores: ['common/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronForbidden],
          patterns: [
            { group: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'net', 'tls', 'http', 'https'], message: 'common/ runs in the renderer too: no Node modules.' },
            { group: ['**/electron/**', '**/drivers/**', '**/central/**', '**/renderer/**', '**/scripts/**', '**/test/**'], message: 'common/ is the bottom layer: it imports nothing of the kiosk.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'window', 'document', 'require', '__dirname', 'navigator', 'localStorage'],
    },
  },
  {
    files: ['electron/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronForbidden],
          patterns: [
            { group: ['node:*'], message: 'The contract is shared with the renderer: pure TypeScript only.' },
            { group: ['**/core/**', '**/main/**', '**/host/**', '**/preload/**', '**/drivers/**', '**/central/**', '**/renderer/**'], message: 'The contract depends on nothing but common/, zod and birpc.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-empty-pattern': 'off' },
  },
);
