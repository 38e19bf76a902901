// Starts the offline host the way users do (`packages/functions-host/dist/cli.js`, a child process) on a free
// port for one test file. One host per process is the host's rule, so tests never load it in-process.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll } from 'vitest';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const HOST_CLI = path.join(REPO_ROOT, 'packages/functions-host/dist/cli.js');
export const TEST_APP = path.join(REPO_ROOT, 'test/fixtures/host-app');

export interface HostProcessOptions {
  app?: string;
  settings?: Record<string, string>;
  env?: Record<string, string>;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

export interface TestHost {
  url: string;
  keys: {
    file: string;
    masterKey: string;
    functionKey: string;
    systemKeys: Record<string, string>;
    created: boolean;
  };
  functions: { name: string; trigger: string; description: string }[];
  /** Everything the host printed so far (stdout and stderr). */
  output(): string;
  close(): Promise<void>;
}

export type HostStartResult =
  { ok: true; host: TestHost } | { ok: false; message: string; output: string };

export async function startHostProcess(options: HostProcessOptions = {}): Promise<HostStartResult> {
  const keysDir = mkdtempSync(path.join(tmpdir(), 'host-keys-'));
  const args = [
    '--app',
    options.app ?? TEST_APP,
    '--port',
    '0',
    '--keys-file',
    path.join(keysDir, 'host.json'),
    '--log-level',
    options.logLevel ?? 'debug',
    ...Object.entries(options.settings ?? {}).flatMap(([k, v]) => ['--setting', `${k}=${v}`]),
  ];
  const child = fork(HOST_CLI, args, {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, ...options.env },
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const first = await new Promise<{ type: string; [k: string]: unknown }>((resolve) => {
    const timer = setTimeout(
      () => resolve({ type: 'error', message: 'host did not start in 20 s' }),
      20_000,
    );
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m as { type: string });
    });
    void exited.then(() => {
      clearTimeout(timer);
      resolve({ type: 'error', message: 'host exited before it was ready' });
    });
  });
  const cleanup = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(keysDir, { recursive: true, force: true });
  };
  if (first.type !== 'ready') {
    await cleanup();
    return { ok: false, message: String(first.message), output };
  }
  const ready = first as unknown as Pick<TestHost, 'url' | 'keys' | 'functions'>;
  return {
    ok: true,
    host: {
      url: ready.url,
      keys: ready.keys,
      functions: ready.functions,
      output: () => output,
      close: cleanup,
    },
  };
}

/** One host per test file, started before its tests and stopped after. */
export function useHost(
  options: HostProcessOptions | (() => HostProcessOptions) = {},
): () => TestHost {
  let host: TestHost | undefined;
  beforeAll(async () => {
    const result = await startHostProcess(typeof options === 'function' ? options() : options);
    if (!result.ok) throw new Error(`${result.message}\n${result.output}`);
    host = result.host;
  });
  afterAll(async () => {
    await host?.close();
  });
  return () => {
    if (!host) throw new Error('the host has not started');
    return host;
  };
}
