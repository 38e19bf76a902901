// The layer directions of the design are enforced by lint, not only written down: this runs the
// project's own import zones over code that crosses each boundary.
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// Only the layer rule: the type-checked rules need files that exist in the TypeScript project.
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const config = await import('../../eslint.config.mjs');
  const main = config.default.find((c) => c.rules?.['import/no-restricted-paths']);
  const eslint = new ESLint({
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: (await import('typescript-eslint')).parser },
        plugins: main!.plugins as Record<string, ESLint.Plugin>,
        settings: main!.settings as Record<string, unknown>,
        rules: {
          'import/no-restricted-paths': main!.rules!['import/no-restricted-paths'] as 'error',
        },
      },
    ],
  });
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.message);
}

describe('layer directions', () => {
  it.each([
    ['protocol/x.ts', "import '../local/emulator';", 'never imports the local stack'],
    ['local/emulator/x.ts', "import '../../protocol/names';", undefined],
    ['bindings/x.ts', "import '../local/emulator';", 'never imports the local stack'],
    ['functions/x.ts', "import '../test/setup/emulator';", 'never imports tests'],
    ['chat-contract/x.ts', "import '../chat/service';", 'The chat contract is a leaf'],
    ['web/src/x.ts', "import '../../chat/service';", 'shares only the chat contract'],
    ['web/src/x.ts', "import '../../chat-contract/limits';", undefined],
    [
      'chat/x.ts',
      "import '../adapters/storage/clients';",
      'knows nothing of Functions or its adapters',
    ],
    ['adapters/x.ts', "import '../chat/service';", undefined],
  ])('%s: %s', async (file, code, expected) => {
    const errors = await layerErrors(file, code);
    if (expected) expect(errors.join('\n')).toContain(expected);
    else expect(errors).toEqual([]);
  });
});

// The pure folders' import bans, from the same config.
async function importBans(filePath: string, code: string): Promise<string[]> {
  const config = await import('../../eslint.config.mjs');
  const folder = filePath.split('/')[0];
  // test/setup/eslint-config.d.ts types only rules, settings and plugins; `files` is read as data.
  const filesOf = (c: object): unknown[] =>
    'files' in c && Array.isArray(c.files) ? (c.files as unknown[]) : [];
  const bans = config.default.filter(
    (c) =>
      c.rules?.['no-restricted-imports'] &&
      filesOf(c).some((f) => String(f).split('/')[0] === folder),
  );
  if (bans.length === 0) return [];
  const eslint = new ESLint({
    overrideConfigFile: true,
    overrideConfig: bans.map((c) => ({
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      rules: { 'no-restricted-imports': c.rules!['no-restricted-imports'] as 'error' },
    })),
  });
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.message);
}

describe('pure folders', () => {
  it.each([
    ['chat/x.ts', "import { TableClient } from '@azure/data-tables';", 'The domain is pure'],
    ['chat-contract/x.ts', "import { Buffer } from 'node:buffer';", 'browser-safe'],
    ['adapters/x.ts', "import { TableClient } from '@azure/data-tables';", undefined],
  ])('%s: %s', async (file, code, expected) => {
    const errors = await importBans(file, code);
    if (expected) expect(errors.join('\n')).toContain(expected);
    else expect(errors).toEqual([]);
  });
});
