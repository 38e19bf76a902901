// `npm start` / `npm run start:func` (packages/stack/dist/cli.js) as users run it: Azurite, the emulator
// and the host (or func) come up on the ports asked for, answer, and go away on a signal or a crash.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { EmulatorManagementClient, WELL_KNOWN_ACCESS_KEY } from '@wps-local/emulator';
import { afterAll, describe, expect, it } from 'vitest';

import { eventually } from '../setup/eventually';
import {
  BANNER_END,
  cleanUp,
  CLI,
  dir,
  expectAllFree,
  HOST_APP,
  isFree,
  run,
  stackArgs,
  START_TIMEOUT_MS,
  started,
  url,
} from '../setup/stack-cli';

afterAll(cleanUp);

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
        // A user trigger, whose name is also a presence event's (host-webpubsub-presence): the stack
        // cannot tell the two uses apart and lists it as a user event, as the Bicep rule accepts.
        'joined',
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
