// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Browser globals the core must never touch: it runs on Node, under no window. */
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement', 'indexedDB'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', '.vite/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'migrations/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The core runs without Electron (DESIGN.md, rules of the house).' },
            { name: 'react', message: 'The core knows no screen.' },
            { name: 'react-dom', message: 'The core knows no screen.' },
          ],
          patterns: [
            { regex: '(^|/)(ui|host)(/|$)', message: 'src/core may not import src/ui or src/host.' },
            { regex: '(^|/)electron/', message: 'src/core may not import electron/.' },
            { regex: '^react($|-)|^@mantine/', message: 'The core knows no screen.' },
            {
              regex: '(^|/)db/handles$|^\\./handles$',
              importNames: ['asWriteTx'],
              message: 'Only the write path (audit/run-write.ts) brands a transaction as WriteTx.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches the core only through window.inson.' }],
          patterns: [
            {
              // Values from the core only out of pure `*.schema` and `*.policy` modules, the error type and the
              // typed client (all pure); types from anywhere. Relative paths only, so `@mantine/core/...` is not caught.
              regex: '^\\.\\.?/(.*/)?core/(?!.*\\.(schema|policy)$)(?!api/errors$)(?!client$)',
              allowTypeImports: true,
              message: 'src/ui may import from src/core only types, *.schema and *.policy modules.',
            },
            { regex: '(^|/)host(/|$)', message: 'src/ui may not import src/host.' },
            { regex: '^node:', message: 'The renderer is sandboxed: no Node modules.' },
          ],
        },
      ],
    },
  },
  {
    // Tests of renderer modules run in Node, never in the renderer: they may read fixtures and call
    // independent tools (pdftotext on a rendered certificate). The core rule still holds for them.
    files: ['src/ui/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches the core only through window.inson.' }],
          patterns: [
            {
              regex: '^\\.\\.?/(.*/)?core/(?!.*\\.(schema|policy)$)(?!api/errors$)(?!client$)',
              allowTypeImports: true,
              message: 'src/ui may import from src/core only types, *.schema and *.policy modules.',
            },
            { regex: '(^|/)host(/|$)', message: 'src/ui may not import src/host.' },
          ],
        },
      ],
    },
  },
  {
    // Every IPC handler goes through the one wrapper that checks the sender frame (DESIGN.md, security model).
    ignores: ['electron/ipc-guard.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression:matches([callee.object.name='ipcMain'], [callee.object.property.name='ipcMain'])[callee.property.name=/^(handle|handleOnce|on|once|addListener|prependListener|prependOnceListener)$/]",
          message: 'Register IPC handlers only with handleFromAppFrame (electron/ipc-guard.ts), which checks the sender frame.',
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{mjs,ts}'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
