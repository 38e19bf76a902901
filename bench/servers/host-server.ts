// Server process: the offline Functions host (packages/functions-host/src) in a child of its own, loading the app
// and settings the runner's `start` command names; exit like every other server. Its CPU includes
// the host's language worker process (WPS_FUNCTIONS_HOST_WORKER=thread keeps the app in-process).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { RunningHost } from '@wps-local/functions-host';
import { startHost } from '@wps-local/functions-host';

import { serveControl } from '../lib/control';
import { CpuMeter } from '../lib/cpu';
import { pidCpu } from '../lib/cpu-group';
import type { HostStart, HostStarted } from '../lib/host-child';
import type { ProcessStats } from '../lib/ipc';
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

// This process's CPU plus its worker process's (read from /proc), as one server.
const cpu = new CpuMeter();
let workerCpu: ReturnType<typeof pidCpu> | undefined;
async function cpuReset(): Promise<void> {
  cpu.reset();
  const pid = host?.worker.pid();
  workerCpu = pid === undefined ? undefined : pidCpu('worker', pid);
  await workerCpu?.reset();
}
async function stats(): Promise<ProcessStats> {
  const own = cpu.read();
  const worker = (await workerCpu?.read()) ?? 0;
  const m = process.memoryUsage();
  return {
    ...own,
    cpuPct: own.cpuPct + (Number.isFinite(worker) ? worker : 0),
    rss: m.rss,
    heapUsed: m.heapUsed,
    external: m.external,
  };
}

serveControl(0, {}, { start, 'cpu-reset': cpuReset, stats }, async () => {
  await profiler?.stop();
  await host?.close();
  rmSync(keysDir, { recursive: true, force: true });
});
