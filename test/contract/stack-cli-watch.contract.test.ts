// The stack CLI's `--watch`: a source change rebuilds the app and restarts only the host.
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { WebPubSubServiceClient } from '@azure/web-pubsub';
import { WELL_KNOWN_ACCESS_KEY } from '@wps-local/emulator';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { eventually } from '../setup/eventually';
import {
  cleanUp,
  dir,
  expectAllFree,
  REPO_ROOT,
  run,
  stackArgs,
  started,
} from '../setup/stack-cli';

afterAll(cleanUp);

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
