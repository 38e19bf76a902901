// Lint: strict typed rules, sorted imports, and the layer directions of docs/DESIGN (enforced, not
// only documented): the app never imports local/, the emulator and the host never import each other.
import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import tseslint from 'typescript-eslint';

const appLayers = ['./functions', './bindings', './protocol', './chat'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.package/**',
      'node_modules/**',
      'coverage/**',
      'bench/results/**',
      '*.mjs',
      // The web client's bundle and its esbuild script (plain Node ESM, like the configs above).
      'web/dist/**',
      'web/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    // Resolve .ts sources so the layer zones below see where imports really go.
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.js', '.json'] } } },
    plugins: { 'simple-import-sort': simpleImportSort, import: importPlugin },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      'import/no-duplicates': 'error',
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            ...appLayers.map((target) => ({
              target,
              from: './local',
              message: 'The app never imports the local stack (local/).',
            })),
            ...appLayers.map((target) => ({
              target,
              from: './test',
              message: 'Production code never imports tests.',
            })),
            {
              target: './protocol',
              from: ['./functions', './bindings', './chat'],
              message: 'protocol/ is a leaf.',
            },
            {
              target: './bindings',
              from: ['./functions', './chat'],
              message:
                'bindings/ is the typed binding layer: it never imports functions/ or the domain.',
            },
            {
              target: './chat',
              from: ['./functions', './bindings'],
              message: 'The domain (chat/) knows nothing of Functions: no functions/ or bindings/.',
            },
            {
              target: './local/emulator',
              from: './local/host',
              message: 'The emulator and the host talk over HTTP only.',
            },
            {
              target: './local/host',
              from: './local/emulator',
              message: 'The emulator and the host talk over HTTP only.',
            },
            {
              target: './local/host',
              from: ['./functions', './bindings', './chat'],
              message: 'The host loads the app only through the package main glob.',
            },
            {
              target: './local/stack',
              from: ['./functions', './bindings', './chat'],
              message: 'The stack starts the app only through the host or func, never by import.',
            },
            {
              target: './local/emulator',
              from: ['./functions', './bindings', './chat'],
              message: 'The emulator knows nothing of the app.',
            },
          ],
        },
      ],
    },
  },
  {
    // Test and bench Function Apps in plain CommonJS, loaded by the host the way any app is.
    files: ['test/fixtures/**/*.js', 'bench/apps/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        Buffer: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
