// The stack CLI's refusals before anything starts (ports, apps, options) and `--func`, as users
// run them.
import { once } from 'node:events';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

import { WebPubSubServiceClient } from '@azure/web-pubsub';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import {
  cleanUp,
  dir,
  expectAllFree,
  REPO_ROOT,
  run,
  stackArgs,
  started,
  url,
} from '../setup/stack-cli';

afterAll(cleanUp);

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
