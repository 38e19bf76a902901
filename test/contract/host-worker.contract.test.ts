// The app runs in a language worker of its own, as in Azure: a stray promise rejection ends the
// worker, not the host, which fails the invocations in flight, logs the exit and starts a new
// worker. Behaviour from azure-functions-nodejs-worker src/Worker.ts (an uncaught exception is
// logged and ends the worker process) and azure-functions-host's worker restart on process exit.
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { eventually } from '../setup/eventually';
import type { TestHost } from '../setup/host';
import { REPO_ROOT, useHost } from '../setup/host';

const WORKER_APP = path.join(REPO_ROOT, 'test/fixtures/worker-app');

async function crashAndRecover(host: () => TestHost) {
  const api = (p: string) => `${host().url}/api/${p}`;
  const before = (await (await fetch(api('whoami'))).json()) as { pid: number };
  const inFlight = fetch(api('hang'));
  // The stray rejection surfaces after the handler has answered.
  const stray = await fetch(api('stray'));
  expect([stray.status, await stray.text()]).toEqual([200, 'answered before the rejection']);
  // The call in flight when the worker ended is answered 500, as the host fails it.
  expect((await inFlight).status).toBe(500);
  // The host kept answering, with a new worker.
  const after = await fetch(api('whoami'));
  expect(after.status).toBe(200);
  const output = host().output();
  expect(output).toContain('Worker uncaught exception: Error: a stray rejection');
  expect(output).toMatch(/exited with code 1 \(0x1\)/);
  expect(output).toContain('Restarting the language worker (node) after it exited (restart 1).');
  expect(output).toMatch(
    /Exception while executing function: Functions\.hang\. the language worker exited/,
  );
  return { before: before.pid, after: ((await after.json()) as { pid: number }).pid };
}

describe('the app in a worker process (the default)', () => {
  const host = useHost({ app: WORKER_APP });

  it('survives a stray rejection: the worker restarts, in-flight calls get 500, later calls succeed', async () => {
    const { before, after } = await crashAndRecover(host);
    expect(before).not.toBe(after);
    await eventually(
      () => host().output().includes('Language worker restarted'),
      'the restart line',
    );
  });

  // azure-functions-nodejs-worker src/WorkerContext.ts (`log`) and src/hooks/LogHookContext.ts:
  // every log hook runs on every log; `message` and `level` changes apply to user logs.
  it('runs app.hook.log on user logs and writes what the hooks changed', async () => {
    const res = await fetch(`${host().url}/api/logs`);
    expect(await res.text()).toBe('logged');
    await eventually(() => host().output().includes('tag? from-pre-invocation'), 'the hooked log');
    const output = host().output();
    expect(output).toContain('signing in with token=*** (Functions.logs)');
    expect(output).not.toContain('abc123');
    expect(output).toContain('WARNING: audit: user signed in (Functions.logs)');
  });
});

describe('the app in a worker thread (WPS_FUNCTIONS_HOST_WORKER=thread)', () => {
  const host = useHost({ app: WORKER_APP, env: { WPS_FUNCTIONS_HOST_WORKER: 'thread' } });

  it('isolates the same crash: the thread restarts and the host keeps answering', async () => {
    const { before, after } = await crashAndRecover(host);
    // One process: the thread shares the host's pid.
    expect(before).toBe(after);
  });
});
