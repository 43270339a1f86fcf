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
  // central/rules is the one pure validation module shared by core and renderer (ARCHITECTURE: instant feedback, core authoritative).
  { group: ['**/drivers/**', '**/central/**', '!**/central/rules', '!**/central/rules/**'], message: 'The renderer never touches devices or the central server (central/rules excepted).' },
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
