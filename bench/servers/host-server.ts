// Server process: the offline Functions host (packages/functions-host/src) in a child of its own, loading the app
// and settings the runner's `start` command names; CPU and exit like every other server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { RunningHost } from '@wps-local/functions-host';
import { startHost } from '@wps-local/functions-host';

import { serveControl } from '../lib/control';
import type { HostStart, HostStarted } from '../lib/host-child';
import { startProfiler } from '../lib/profile';

const keysDir = mkdtempSync(path.join(tmpdir(), 'bench-host-keys-'));
const profiler = startProfiler('host');
let host: RunningHost | undefined;

async function start(arg: unknown): Promise<HostStarted> {
  if (host) throw new Error('the host has already started');
  const s = arg as HostStart;
  host = await startHost({
    appRoot: s.app,
    port: 0,
    settings: s.settings,
    logLevel: 'silent',
    keysFile: path.join(keysDir, 'host.json'),
  });
  return {
    port: host.port,
    url: `http://127.0.0.1:${host.port}`,
    functions: host.functions.length,
    webhook: `http://127.0.0.1:${host.port}/runtime/webhooks/webpubsub?code=${encodeURIComponent(
      host.keys.systemKeys.webpubsub_extension ?? '',
    )}`,
  };
}

serveControl(0, {}, { start }, async () => {
  await profiler?.stop();
  await host?.close();
  rmSync(keysDir, { recursive: true, force: true });
});
