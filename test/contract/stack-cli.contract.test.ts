// `npm start` / `npm run start:func` (packages/stack/dist/cli.js) as users run it: Azurite, the emulator
// and the host (or func) come up on the ports asked for, answer, and go away on a signal or a crash.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { WebPubSubServiceClient } from '@azure/web-pubsub';
import { EmulatorManagementClient, WELL_KNOWN_ACCESS_KEY } from '@wps-local/emulator';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { eventually } from '../setup/eventually';

const REPO_ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(REPO_ROOT, 'packages/stack/dist/cli.js');
const HOST_APP = path.join(REPO_ROOT, 'test/fixtures/host-app');
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
    // The emulator's inspector listens on the next port.
    if (emulator > 65534 || !(await isFree(emulator + 1))) continue;
    const all = [port, emulator, emulator + 1, storage, storage + 1, storage + 2];
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
      const stack = run([...args, '--log-level', 'info']);
      const output = await started(stack);
      expect(url(output, 'App')).toBe(`http://localhost:${ports.port}/`);
      const emulator = url(output, 'Web PubSub');
      expect(emulator).toBe(`http://localhost:${ports.emulator}`);
      expect(output).toContain(
        `Web PubSub webhook http://localhost:${ports.port}/runtime/webhooks/webpubsub`,
      );
      const health = await fetch(`${emulator}/api/health`, { method: 'HEAD' });
      expect(health.status).toBe(200);
      const inspector = url(output, 'Inspector');
      expect(inspector).toBe(`http://localhost:${ports.emulator + 1}/inspector`);
      expect((await fetch(inspector)).status).toBe(200);
      // The host answers (which status depends on the app's functions, not on the stack).
      const host = await fetch(url(output, 'App'));
      expect(host.status).toBeGreaterThanOrEqual(200);
      const queue = url(output, 'Queue');
      expect(queue).toBe(`http://127.0.0.1:${ports.storage + 1}/devstoreaccount1`);
      const list = await fetch(`${queue}?comp=list`);
      expect(list.headers.get('x-ms-request-id')).toBeTruthy(); // Azurite's answer, even if 403

      // What a developer copies: connection strings for these ports, keys for protected routes.
      expect(output).toContain(
        `WebPubSubConnectionString=Endpoint=http://localhost:${ports.emulator};AccessKey=`,
      );
      expect(output).toContain(
        `AzureWebJobsStorage=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;`,
      );
      expect(output).toContain(
        `QueueEndpoint=http://127.0.0.1:${ports.storage + 1}/devstoreaccount1`,
      );
      expect(output).toMatch(
        /publish +\[POST\] http:\/\/localhost:\d+\/api\/publish \(function key\)/,
      );
      const functionKey = /function key (\S+)/.exec(output)?.[1];
      const publish = await fetch(`http://localhost:${ports.port}/api/publish`, {
        method: 'POST',
        headers: { 'x-functions-key': functionKey ?? '', 'content-type': 'application/json' },
        body: '{}',
      });
      expect(publish.status).toBe(400); // past the key check: the body is what is refused

      stack.child.kill('SIGINT');
      expect(await stack.exited).toBe(0);
      expect(stack.output()).toContain('stack: SIGINT: stopping');
      // Azurite is stopped once, the graceful way (it flushes its data), with no stack trace.
      expect(stack.output().match(/Azurite Table service successfully closed/g)).toHaveLength(1);
      expect(stack.output()).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      await expectAllFree(ports.all);
    },
  );

  it(
    'gives the emulator exactly the hubs, events and keyed webhook the app registers, plus --config',
    { timeout: 90_000 },
    async () => {
      const { ports, args } = await stackArgs();
      const config = path.join(dir, 'extra-hubs.json');
      writeFileSync(
        config,
        JSON.stringify({ hubs: { extra: { anonymousConnectPolicy: 'allow' } } }),
      );
      const stack = run([...args, '--app', HOST_APP, '--config', config, '--log-level', 'warn']);
      await started(stack);
      const management = new EmulatorManagementClient(
        `http://localhost:${ports.emulator}`,
        WELL_KNOWN_ACCESS_KEY,
      );
      const hubs = await management.hubs();
      expect(Object.keys(hubs).sort()).toEqual(['chat', 'extra', 'secured']);
      expect(hubs.extra).toEqual({ anonymousConnectPolicy: 'allow' });
      const [handler] = hubs.chat!.eventHandlers!;
      expect(handler!.systemEvents!.sort()).toEqual(['connect', 'connected', 'disconnected']);
      expect(handler!.userEventPattern!.split(',').sort()).toEqual([
        'bytes',
        'echo',
        'failing',
        'join',
        'mirror',
        'run',
        'shout',
        'text',
        'whoami',
      ]);
      // The key the host requires on its webhook, as in Azure.
      expect(handler!.urlTemplate).toMatch(
        new RegExp(`^http://localhost:${ports.port}/runtime/webhooks/webpubsub\\?code=.{20,}$`),
      );
      const bare = await fetch(`http://localhost:${ports.port}/runtime/webhooks/webpubsub`, {
        method: 'OPTIONS',
        headers: { 'WebHook-Request-Origin': 'localhost' },
      });
      expect(bare.status).toBe(401);
      const keyed = await fetch(handler!.urlTemplate, {
        method: 'OPTIONS',
        headers: { 'WebHook-Request-Origin': 'localhost' },
      });
      expect(keyed.status).toBe(200);
      stack.child.kill('SIGHUP');
      expect(await stack.exited).toBe(0);
      await expectAllFree(ports.all);
    },
  );

  it(
    'stops every part when the process that started it dies without a word',
    { timeout: 90_000 },
    async () => {
      const { ports, args } = await stackArgs();
      // A parent (like npm under an IDE's stop button) that starts the stack and is then killed.
      const parent = spawn(
        process.execPath,
        [
          '-e',
          `const c = require('child_process').spawn(process.execPath, ${JSON.stringify([CLI, ...args])}, { stdio: 'inherit' });`,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      parent.stdout.on('data', (d: Buffer) => (out += d.toString()));
      parent.stderr.on('data', (d: Buffer) => (out += d.toString()));
      await eventually(() => out.includes(BANNER_END), 'the banner', START_TIMEOUT_MS, 50);
      parent.kill('SIGKILL');
      await eventually(
        async () => {
          for (const port of ports.all) if (!(await isFree(port))) return false;
          return true;
        },
        'every port free again',
        20_000,
        100,
      );
    },
  );

  it(
    'stops what it started when interrupted while starting, and prints no banner',
    { timeout: 90_000 },
    async () => {
      const { ports, args } = await stackArgs();
      const stack = run([...args, '--log-level', 'info']);
      await eventually(() => stack.output().includes('starting Azurite'), 'the start', 30_000, 20);
      stack.child.kill('SIGINT');
      expect(await stack.exited).toBe(0);
      expect(stack.output()).not.toContain(BANNER_END);
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
  it('names every port in use at once, each with the flag that moves it', async () => {
    const { ports, args } = await stackArgs();
    const blockers = [createServer(), createServer()];
    const blocked = [ports.storage + 1, ports.emulator];
    await Promise.all(
      blockers.map(
        (b, i) => new Promise<void>((resolve) => b.listen(blocked[i], '127.0.0.1', resolve)),
      ),
    );
    try {
      const stack = run(args);
      expect(await stack.exited).toBe(1);
      expect(stack.output()).toContain(`${ports.storage + 1} (Azurite queue`);
      expect(stack.output()).toContain(`${ports.emulator} (Web PubSub emulator) is already in use`);
      expect(stack.output()).toContain('--storage-port');
      expect(stack.output()).toContain('--emulator-port');
      expect(stack.output()).not.toContain('starting Azurite');
    } finally {
      await Promise.all(blockers.map((b) => new Promise((resolve) => b.close(resolve))));
    }
  });

  it('refuses an app that registers no functions, with the fix in one line', async () => {
    const app = mkdtempSync(path.join(dir, 'unbuilt-app-'));
    writeFileSync(path.join(app, 'host.json'), '{ "version": "2.0" }');
    writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify({ name: 'unbuilt', main: 'dist/functions/*.js' }),
    );
    const { args } = await stackArgs();
    const stack = run([...args, '--app', app, '--log-level', 'warn']);
    expect(await stack.exited).toBe(1);
    // The host refuses it first, as the Node worker does on Node 20+ (issue 17).
    expect(stack.output()).toContain(
      'Worker was unable to load entry point "dist/functions/*.js": Found zero files matching the supplied pattern (did you build the app?)',
    );
  });

  it('refuses a folder that is not a Function App', async () => {
    const stack = run(['--app', dir]);
    expect(await stack.exited).toBe(1);
    expect(stack.output()).toContain('is not a Function App folder (no host.json)');
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

  it('prints its usage with --help and its version with --version', async () => {
    const stack = run(['--help']);
    expect(await stack.exited).toBe(0);
    for (const flag of ['--app', '--port', '--storage-port', '--watch', '--build', '--func'])
      expect(stack.output()).toContain(flag);
    const version = run(['--version']);
    expect(await version.exited).toBe(0);
    const manifest = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'packages/stack/package.json'), 'utf8'),
    );
    expect(version.output().trim()).toBe(manifest.version);
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
  if (req.url === '/admin/functions') return res.end(JSON.stringify([{ name: 'connect',
    config: { bindings: [{ name: 'req', type: 'webPubSubTrigger', direction: 'in', hub: '%WebPubSubHub%',
      eventName: 'connect', eventType: 'system' }] } }]));
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
      expect(await (await fetch(url(output, 'App'))).text()).toBe('fake func');
      const seen = JSON.parse(readFileSync(report, 'utf8'));
      expect(seen.argv).toEqual(['start', '--port', String(ports.port)]);
      expect(seen.cwd).toBe(REPO_ROOT);
      expect(seen.wps).toMatch(
        new RegExp(`^Endpoint=http://localhost:${ports.emulator};AccessKey=`),
      );
      expect(seen.storage).toContain('AccountName=devstoreaccount1;');
      expect(seen.storage).toContain(`QueueEndpoint=http://127.0.0.1:${ports.storage + 1}/`);

      // A client of the app's hub: the emulator asks func's webhook before it accepts it.
      const hub = /hubs: (\S+)\)/.exec(output)?.[1] ?? 'no hub in the banner';
      expect(hub).toBe('chat'); // %WebPubSubHub% from the app's local.settings.json
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

describe('stack CLI: --watch', () => {
  it(
    'rebuilds the app on a source change and restarts only the host; clients stay connected',
    { timeout: 90_000 },
    async () => {
      // A small app whose build script copies src/ to dist/ (what tsc does for a TS app).
      const app = mkdtempSync(path.join(dir, 'watched-app-'));
      symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(app, 'node_modules'), 'dir');
      mkdirSync(path.join(app, 'src'));
      writeFileSync(path.join(app, 'host.json'), '{ "version": "2.0" }');
      writeFileSync(
        path.join(app, 'package.json'),
        JSON.stringify({
          name: 'watched',
          main: 'dist/*.js',
          scripts: { build: `node -e "require('fs').cpSync('src','dist',{recursive:true})"` },
        }),
      );
      const hello = (text: string) =>
        writeFileSync(
          path.join(app, 'src', 'hello.js'),
          `require('@azure/functions').app.http('hello', { authLevel: 'anonymous', handler: () => ({ body: '${text}' }) });\n`,
        );
      hello('v1');
      const { ports, args } = await stackArgs();
      const stack = run([...args, '--app', app, '--watch', '--log-level', 'info']);
      await started(stack);
      const body = async () => (await fetch(`http://localhost:${ports.port}/api/hello`)).text();
      expect(await body()).toBe('v1');
      const service = new WebPubSubServiceClient(
        `Endpoint=http://localhost:${ports.emulator};AccessKey=${WELL_KNOWN_ACCESS_KEY};Version=1.0;`,
        'watched',
        { allowInsecureConnection: true },
      );
      const ws = new WebSocket((await service.getClientAccessToken({ userId: 'u' })).url);
      await once(ws, 'open');
      let closed = false;
      ws.on('close', () => (closed = true));

      hello('v2');
      await eventually(async () => (await body().catch(() => '')) === 'v2', 'v2', 30_000, 100);
      expect(stack.output()).toContain('a source changed: building');
      expect(stack.output()).toContain('restarting the host');
      expect(closed).toBe(false);
      ws.close();
      stack.child.kill('SIGTERM');
      expect(await stack.exited).toBe(0);
      await expectAllFree(ports.all);
    },
  );
});
