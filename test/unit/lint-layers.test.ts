// The layer directions of the design are enforced by lint, not only written down: this runs the
// project's own import rules over code that crosses each boundary.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

type FlatConfig = {
  files?: string[];
  rules?: Record<string, unknown>;
  plugins?: unknown;
  settings?: unknown;
};

// Only the layer rules: the type-checked rules need files that exist in the TypeScript project.
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const config = (await import('../../eslint.config.mjs')).default as FlatConfig[];
  const main = config.find((c) => c.rules?.['import/no-restricted-paths'])!;
  const perPackage = config.filter((c) => c.rules?.['no-restricted-imports']);
  const eslint = new ESLint({
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: (await import('typescript-eslint')).parser },
        plugins: main.plugins as Record<string, ESLint.Plugin>,
        settings: main.settings as Record<string, unknown>,
        rules: {
          'import/no-restricted-paths': main.rules!['import/no-restricted-paths'] as 'error',
        },
      },
      ...perPackage.map((c) => ({
        files: c.files!,
        rules: { 'no-restricted-imports': c.rules!['no-restricted-imports'] as 'error' },
      })),
    ],
  });
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.message);
}

describe('layer directions', () => {
  it.each([
    ['chat/x.ts', "import '../packages/emulator/src';", 'never imports the local stack'],
    [
      'bindings/x.ts',
      "import '../packages/functions-host/src/server';",
      'never imports the local stack',
    ],
    ['functions/x.ts', "import '../test/setup/emulator';", 'never imports tests'],
    ['web/src/x.ts', "import '../../packages/wire/src';", 'never imports the local stack'],
    ['packages/emulator/src/x.ts', "import '@wps-local/wire';", undefined],
    ['packages/emulator/src/x.ts', "import '@wps-local/functions-host';", 'may use only wire'],
    ['packages/emulator/src/x.ts', "import '../../functions-host/src/server';", 'never by path'],
    [
      'packages/functions-host/src/x.ts',
      "import '../../../chat/service';",
      'knows nothing of the app',
    ],
    ['packages/stack/src/x.ts', "import '@wps-local/emulator';", undefined],
    ['packages/stack/src/x.ts', "import '@wps-local/emulator/well-known-key';", undefined],
    ['packages/stack/src/x.ts', "import '@wps-local/emulator/dist/server';", 'public entry points'],
    ['packages/wire/src/x.ts', "import '@wps-local/emulator';", 'no other package'],
    ['chat-contract/x.ts', "import '../chat/service';", 'The chat contract is a leaf'],
    ['web/src/x.ts', "import '../../chat/service';", 'shares only the chat contract'],
    ['web/src/x.ts', "import '../../chat-contract/limits';", undefined],
    [
      'chat/x.ts',
      "import '../adapters/storage/clients';",
      'knows nothing of Functions or its adapters',
    ],
    ['adapters/x.ts', "import '../chat/service';", undefined],
    // The pure folders' import bans.
    ['chat/x.ts', "import { TableClient } from '@azure/data-tables';", 'The domain is pure'],
    ['chat-contract/x.ts', "import { Buffer } from 'node:buffer';", 'browser-safe'],
    ['adapters/x.ts', "import { TableClient } from '@azure/data-tables';", undefined],
  ])('%s: %s', async (file, code, expected) => {
    const errors = await layerErrors(file, code);
    if (expected) expect(errors.join('\n')).toContain(expected);
    else expect(errors).toEqual([]);
  });
});
