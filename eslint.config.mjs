// Lint: strict typed rules, sorted imports, and the layer directions of DESIGN (enforced, not only
// documented): the app never imports the local stack packages; packages never import each other's
// insides; the emulator and the host never import each other.
import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import tseslint from 'typescript-eslint';

const appLayers = ['./functions', './bindings', './chat', './chat-contract', './adapters', './web'];
const packages = ['wire', 'emulator', 'functions-host', 'stack', 'test-kit'];
/** Which workspace packages each package may use, through their public entry points only. */
const packageUses = {
  wire: [],
  emulator: ['wire'],
  'functions-host': ['wire'],
  stack: ['emulator', 'emulator/well-known-key', 'functions-host'],
  'test-kit': ['stack', 'emulator', 'functions-host'],
};

/** A regex for every `@wps-local/...` import but the entry points listed. */
function allowedOnly(entries) {
  return entries.length ? `^@wps-local/(?!(${entries.join('|')})$)` : '^@wps-local/';
}

// A package never reaches into another's files (only `@wps-local/<name>` imports, which resolve to
// the other's built entry points), never imports one it does not depend on, and never the app.
function packageZones() {
  return packages.flatMap((name) => [
    {
      target: `./packages/${name}`,
      from: packages.filter((other) => other !== name).map((other) => `./packages/${other}`),
      message: 'Packages use each other only as `@wps-local/<name>`, never by path.',
    },
    {
      target: `./packages/${name}`,
      from: ['./functions', './bindings', './chat', './web', './test', './bench', './infra'],
      message: 'A package knows nothing of the app, its tests or its benchmarks.',
    },
  ]);
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'packages/*/dist/**',
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
              from: './packages',
              message: 'The app never imports the local stack (packages/).',
            })),
            ...appLayers.map((target) => ({
              target,
              from: './test',
              message: 'Production code never imports tests.',
            })),
            {
              target: './chat-contract',
              from: ['./functions', './bindings', './chat', './web', './adapters'],
              message: 'The chat contract is a leaf: browser-safe types, schemas and limits.',
            },
            {
              target: './web',
              from: ['./functions', './bindings', './chat', './adapters'],
              message: 'The web client shares only the chat contract with the app.',
            },
            {
              target: './bindings',
              from: ['./functions', './chat', './chat-contract'],
              message:
                'bindings/ is the typed binding layer: it never imports functions/ or the domain.',
            },
            {
              target: './chat',
              from: ['./functions', './bindings', './adapters'],
              message:
                'The domain (chat/) knows nothing of Functions or its adapters: no functions/, bindings/ or adapters/.',
            },
            {
              target: './adapters',
              from: ['./functions', './web'],
              message:
                'adapters/ serve the domain; only the composition root in functions/ builds them.',
            },
            ...packageZones(),
          ],
        },
      ],
    },
  },
  ...packages.map((name) => ({
    files: [`packages/${name}/src/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: allowedOnly(packageUses[name]),
              message: `@wps-local/${name} may use only ${packageUses[name].join(', ') || 'no other package'} (see packageUses), and only through its public entry points.`,
            },
          ],
        },
      ],
    },
  })),
  {
    // The domain's rules are pure: Azure SDKs are reached only through adapters/.
    files: ['chat/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@azure/*'],
              message: 'The domain is pure: put Azure SDK code in adapters/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The chat contract runs in the browser too: no Node modules, no Azure SDKs.
    files: ['chat-contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', '@azure/*'], message: 'The chat contract is browser-safe.' },
          ],
        },
      ],
    },
  },
  {
    // Test, bench and example Function Apps in plain CommonJS, loaded by the host the way any app
    // is (the examples' node:test suites too).
    files: ['test/fixtures/**/*.js', 'bench/apps/**/*.js', 'examples/**/*.js'],
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
        fetch: 'readonly',
        AbortSignal: 'readonly',
      },
    },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // The inspector page: browser ES modules served as they are (no build, no types).
    files: ['packages/emulator/inspector/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'module',
      globals: Object.fromEntries(
        [
          'document',
          'navigator',
          'fetch',
          'EventSource',
          'FormData',
          'CustomEvent',
          'Event',
          'CSS',
          'setTimeout',
          'setInterval',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    // The ES module test app ("type": "module", and .mjs), loaded with import().
    files: ['test/fixtures/esm-app/**/*.js', 'test/fixtures/esm-app/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'module',
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
