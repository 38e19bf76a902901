// `npm start` / `npm run start:func` (packages/stack/dist/cli.js) as users run it: Azurite, the emulator
// and the host (or func) come up on the ports asked for, answer, and go away on a signal or a crash.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { WebPubSubServiceClient } from '@azure/web-pubsub';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { eventually } from '../setup/eventually';

const REPO_ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(REPO_ROOT, 'packages/stack/dist/cli.js');
const BANNER_END = 'Press Ctrl-C to stop.';
const START_TIMEOUT_MS = 60_000;
const dir = mkdtempSync(path.join(tmpdir(), 'stack-cli-'));
const running = new Set<ReturnType<typeof run>>();

afterAll(async () => {
  // A failed test may leave a stack up: stop it the way users do, so it stops its children too.
  for (const stack of running) stack.child.kill('SIGTERM');
  await Promise.all([...running].map((s) => s.exited));
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const stack = { child, exited, output: () => out };
  running.add(stack);
  void exited.then(() => running.delete(stack));
  return stack;
}

/** Waits for the URL banner; fails at once, with the output, if the stack exits instead. */
async function started(stack: ReturnType<typeof run>): Promise<string> {
  await eventually(
    () => {
      if (stack.child.exitCode !== null) throw new Error(`stack exited:\n${stack.output()}`);
      return stack.output().includes(BANNER_END);
    },
    'the URL banner',
    START_TIMEOUT_MS,
    50,
  );
  return stack.output();
}

function url(output: string, label: string): string {
  const match = new RegExp(`^ +${label} +(http://\\S+)`, 'm').exec(output);
  if (!match?.[1]) throw new Error(`no ${label} URL in:\n${output}`);
  return match[1];
}

async function isFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Free ports for one stack: host, emulator, and three consecutive ones for Azurite. */
async function freePorts() {
  for (;;) {
    const storage = await freePort();
    if (storage > 65533 || !(await isFree(storage + 1)) || !(await isFree(storage + 2))) continue;
    const [port, emulator] = [await freePort(), await freePort()];
    const all = [port, emulator, storage, storage + 1, storage + 2];
    if (new Set(all).size === all.length) return { port, emulator, storage, all };
  }
}

async function stackArgs() {
  const ports = await freePorts();
  const storageDir = mkdtempSync(path.join(dir, 'azurite-'));
  const args = [
    ['--port', ports.port],
    ['--emulator-port', ports.emulator],
    ['--storage-port', ports.storage],
    ['--storage-dir', storageDir],
  ].flatMap(([flag, value]) => [String(flag), String(value)]);
  return { ports, args };
}

async function expectAllFree(ports: number[]): Promise<void> {
  for (const port of ports) expect(await isFree(port), `port ${port} is free again`).toBe(true);
}

describe('stack CLI: the whole local stack', () => {
  it(
    'starts Azurite, the emulator and the host, prints their URLs, and stops cleanly on SIGINT',
    { timeout: 90_000 },
    async () => {
      const { ports, args } = await stackArgs();
      const stack = run([...args, '--log-level', 'warn']);
      const output = await started(stack);
      expect(url(output, 'Web client')).toBe(`http://localhost:${ports.port}/`);
      const emulator = url(output, 'Web PubSub');
      expect(emulator).toBe(`http://localhost:${ports.emulator}`);
      expect(output).toContain(
        `Web PubSub webhook http://localhost:${ports.port}/runtime/webhooks/webpubsub`,
      );
      const health = await fetch(`${emulator}/api/health`, { method: 'HEAD' });
      expect(health.status).toBe(200);
      // The host answers (which status depends on the app's functions, not on the stack).
      const host = await fetch(url(output, 'Web client'));
      expect(host.status).toBeGreaterThanOrEqual(200);
      const queue = url(output, 'Queue');
      expect(queue).toBe(`http://127.0.0.1:${ports.storage + 1}/devstoreaccount1`);
      const list = await fetch(`${queue}?comp=list`);
      expect(list.headers.get('x-ms-request-id')).toBeTruthy(); // Azurite's answer, even if 403

      stack.child.kill('SIGINT');
      expect(await stack.exited).toBe(0);
      expect(stack.output()).toContain('stack: SIGINT: stopping');
      await expectAllFree(ports.all);
    },
  );

  it(
    'says which child crashed and what it printed last, stops the others, and exits non-zero',
    { timeout: 90_000 },
    async () => {
      const { ports, args } = await stackArgs();
      const stack = run([...args, '--log-level', 'debug']);
      const output = await started(stack);
      const pid = Number(/emulator has pid (\d+)/.exec(output)?.[1]);
      expect(pid).toBeGreaterThan(0);
      process.kill(pid, 'SIGKILL');
      expect(await stack.exited).toBe(1);
      expect(stack.output()).toMatch(/emulator exited unexpectedly \(killed by SIGKILL\)/);
      expect(stack.output()).toContain('  | Azure Web PubSub emulator listening on');
      await expectAllFree(ports.all);
    },
  );
});

describe('stack CLI: refusals before anything starts', () => {
  it('names a port in use and the flag that moves it', async () => {
    const { ports, args } = await stackArgs();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(ports.storage + 1, '127.0.0.1', resolve));
    try {
      const stack = run(args);
      expect(await stack.exited).toBe(1);
      expect(stack.output()).toContain(`Port ${ports.storage + 1} (Azurite queue`);
      expect(stack.output()).toContain('is already in use');
      expect(stack.output()).toContain('--storage-port');
      expect(stack.output()).not.toContain('starting Azurite');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('refuses the same port twice', async () => {
    const { ports, args } = await stackArgs();
    const stack = run([...args, '--emulator-port', String(ports.port)]);
    expect(await stack.exited).toBe(1);
    expect(stack.output()).toContain(`Port ${ports.port} is asked for twice`);
  });

  it.each([
    [['--port', 'abc'], "--port must be a port number from 1 to 65535, got 'abc'"],
    [['--port', '0'], '--port must be a port number'],
    [['--emulator-port', '70000'], '--emulator-port must be a port number'],
    [
      ['--storage-port', '65534'],
      "--storage-port must be a port number from 1 to 65533, got '65534'",
    ],
    [['--log-level', 'loud'], '--log-level must be one of debug, info, warn, error, silent'],
    [['--prot', '1'], "Unknown option '--prot'"],
    [['extra'], 'extra'],
  ])('refuses %j with a clear message', async (args, message) => {
    const stack = run(args);
    expect(await stack.exited).toBe(1);
    expect(stack.output()).toContain(message);
    expect(stack.output()).toContain('Run with --help');
  });

  it('prints its usage with --help', async () => {
    const stack = run(['--help']);
    expect(await stack.exited).toBe(0);
    for (const flag of ['--port', '--emulator-port', '--storage-port', '--log-level', '--func'])
      expect(stack.output()).toContain(flag);
  });
});

describe('stack CLI: start:func', () => {
  it('says how to get func, and that npm start needs nothing, when func is not on PATH', async () => {
    const empty = mkdtempSync(path.join(dir, 'empty-path-'));
    const stack = run(['--func'], { PATH: empty, Path: empty });
    expect(await stack.exited).toBe(1);
    expect(stack.output()).toContain('`func` is not on PATH');
    expect(stack.output()).toContain('npm install --global azure-functions-core-tools@4');
    expect(stack.output()).toContain('`npm start`');
  });

  // A stand-in `func` that reports how it was started and which webhook calls reach it (a POSIX
  // shebang makes it executable).
  it.skipIf(process.platform === 'win32')(
    'runs `func start --port N` in the app folder with the settings as environment variables, and the hub calls its webhook',
    { timeout: 90_000 },
    async () => {
      const bin = mkdtempSync(path.join(dir, 'func-bin-'));
      const report = path.join(bin, 'report.json');
      const calls = path.join(bin, 'calls.txt');
      writeFileSync(
        path.join(bin, 'func'),
        `#!${process.execPath}
const fs = require('fs');
const { env } = process;
const port = Number(process.argv[process.argv.indexOf('--port') + 1]);
fs.writeFileSync(${JSON.stringify(report)}, JSON.stringify({ argv: process.argv.slice(2),
  cwd: process.cwd(), wps: env.WebPubSubConnectionString, storage: env.AzureWebJobsStorage }));
require('http').createServer((req, res) => {
  fs.appendFileSync(${JSON.stringify(calls)}, [req.method, req.url, req.headers['ce-type'], req.headers['ce-hub']].join(' ') + '\\n');
  res.setHeader('WebHook-Allowed-Origin', '*');
  res.end(req.method === 'GET' && req.url === '/' ? 'fake func' : '');
}).listen(port, '127.0.0.1');
`,
      );
      chmodSync(path.join(bin, 'func'), 0o755);
      const { ports, args } = await stackArgs();
      const stack = run([...args, '--func', '--log-level', 'warn'], { PATH: bin });
      const output = await started(stack);
      expect(output).toContain('Azure Functions Core Tools (func start)');
      expect(await (await fetch(url(output, 'Web client'))).text()).toBe('fake func');
      const seen = JSON.parse(readFileSync(report, 'utf8'));
      expect(seen.argv).toEqual(['start', '--port', String(ports.port)]);
      expect(seen.cwd).toBe(REPO_ROOT);
      expect(seen.wps).toMatch(
        new RegExp(`^Endpoint=http://localhost:${ports.emulator};AccessKey=`),
      );
      expect(seen.storage).toContain('AccountName=devstoreaccount1;');
      expect(seen.storage).toContain(`QueueEndpoint=http://127.0.0.1:${ports.storage + 1}/`);

      // A client of the app's hub: the emulator asks func's webhook before it accepts it.
      const hub = /hub '([^']+)'/.exec(output)?.[1] ?? 'no hub in the banner';
      const service = new WebPubSubServiceClient(seen.wps, hub, { allowInsecureConnection: true });
      const { url: clientUrl } = await service.getClientAccessToken({ userId: 'stack-test' });
      const ws = new WebSocket(clientUrl);
      await once(ws, 'open');
      ws.close();
      expect(readFileSync(calls, 'utf8')).toContain(
        `POST /runtime/webhooks/webpubsub azure.webpubsub.sys.connect ${hub}`,
      );

      stack.child.kill('SIGTERM');
      expect(await stack.exited).toBe(0);
      await expectAllFree(ports.all);
    },
  );
});
