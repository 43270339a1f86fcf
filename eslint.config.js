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
    files: ['electron/core/**/*.ts', 'drivers/**/*.ts', 'central/**/*.ts', 'electron/host/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronForbidden] }] },
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
            { group: ['**/core/**', '**/main/**', '**/host/**', '**/preload/**', '**/drivers/**'], message: 'The contract depends on nothing but zod and birpc.' },
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
