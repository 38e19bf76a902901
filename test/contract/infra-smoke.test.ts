// The post-deploy smoke test against the local stack (Azurite, emulator, offline host with this
// app): as a signed-in user through `runSmoke` with the official client, and as a guest through
// the `npm run smoke` CLI itself. This stack's host runs without the sign-in emulation (like
// `func start`): the principal headers are how the tests sign in, so the forged-principal step is
// skipped here (smoke-forged.test.ts checks it against servers that refuse or trust them).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { WebPubSubClient } from '@azure/web-pubsub-client';
import { describe, expect, it } from 'vitest';

import { runSmoke } from '../../infra/smoke/smoke';
import { uniqueName } from '../setup/emulator';
import { REPO_ROOT } from '../setup/host';
import { principalHeaders, useStack } from '../setup/stack';

const { host } = useStack();
const CLI = path.join(REPO_ROOT, 'dist/infra/smoke/cli.js');

describe('smoke test against the local stack', () => {
  it('negotiates as a principal, joins, sends, and sees the message come back', async () => {
    const userId = uniqueName('smoke');
    const result = await runSmoke({
      baseUrl: host().url,
      headers: principalHeaders({ id: userId, name: 'Smoke' }),
      createClient: (getClientAccessUrl) => new WebPubSubClient({ getClientAccessUrl }),
      timeoutMs: 15_000,
      checkForged: false,
    });
    expect(result.userId).toBe(userId);
    expect(result.steps.map((s) => s.step)).toEqual(['negotiate', 'connect', 'join', 'message']);
  });

  it('runs as `npm run smoke -- <url> --guest` and exits 0', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      CLI,
      host().url,
      '--guest',
      '--skip-forged-check',
      '--timeout',
      '15',
    ]);
    expect(stdout).toMatch(/ok {2}message \(\d+ ms\)/);
    expect(stdout).toMatch(/smoke: passed as guest-/);
  });

  it('fails with the sign-in hint when there is no principal', async () => {
    const run = promisify(execFile)(process.execPath, [
      CLI,
      host().url,
      '--skip-forged-check',
      '--timeout',
      '15',
    ]);
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/smoke: FAILED — negotiate: (401|500) .*--cookie/),
    });
  });
});
