// The examples under examples/ pass their own tests (`npm test`: node:test) installed from the
// packed packages in a temporary copy, so a missing `files` entry, a workspace-only import or an
// undeclared dependency fails here as it would for a team installing from the registry.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { installExample, packPackages, run } from './packed-example';

const EXAMPLES = ['simplechat-js', 'dashboard', 'iot-telemetry'];

let scratch: string;
let tarballs: Record<string, string>;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'wps-examples-'));
  const packs = path.join(scratch, 'packs');
  await mkdir(packs);
  tarballs = await packPackages(packs);
});
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe.concurrent('examples, installed from the packed packages', () => {
  it('packs all five packages', () => {
    expect(Object.keys(tarballs).sort()).toEqual([
      '@wps-local/emulator',
      '@wps-local/functions-host',
      '@wps-local/stack',
      '@wps-local/test-kit',
      '@wps-local/wire',
    ]);
  });

  it.each(EXAMPLES)('%s passes its own tests', async (name) => {
    const appDir = await installExample(name, tarballs, scratch);
    // The bins run as installed (shebang, exec bit), as `npx wps-stack` in the README runs them.
    for (const bin of ['wps-stack', 'wps-emulator']) {
      const version = await run(
        path.join(appDir, 'node_modules', '.bin', bin),
        ['--version'],
        appDir,
      );
      expect(version.output.trim(), `${bin} --version`).toBe('0.1.0');
    }
    const tested = await run('npm', ['test'], appDir);
    expect(tested.code, `npm test in ${appDir}:\n${tested.output}`).toBe(0);
    // node:test reports its counts last: at least one test ran, none failed.
    expect(tested.output).toMatch(/^# pass [1-9]/m);
    expect(tested.output).toMatch(/^# fail 0$/m);
  });
});
