// Starts Azurite (blob, queue, table on three consecutive ports) as a child of this Node in its own
// process group (a terminal's Ctrl-C reaches only the stack, which stops Azurite once, gracefully),
// tied to the stack by an IPC channel, and waits until all three services say they are listening.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import type { Launched } from './child';
import { SupervisedChild } from './child';
import type { StoragePorts } from './connection-strings';

export const AZURITE_READY_TIMEOUT_MS = 30_000;

export interface AzuriteOptions {
  cli: string;
  blobPort: number;
  location: string;
  /** Keep the data in memory only (tests): nothing is written to `location`. */
  inMemory: boolean;
  /** Echo Azurite's start-up lines (it is `--silent` otherwise: no access log). */
  echo: boolean;
}

/** `blobPort` 0 lets Azurite choose each port; the ports it listens on are read from its lines. */
export function startAzurite(
  o: AzuriteOptions,
  stop: AbortSignal,
): Launched & { ready: Promise<StoragePorts> } {
  mkdirSync(o.location, { recursive: true });
  const args = [
    '--require',
    path.join(__dirname, 'exit-with-parent.js'),
    o.cli,
    '--silent',
    '--disableTelemetry', // otherwise Azurite tries the network
    '--skipApiVersionCheck',
    '--loose',
    // Azurite refuses --location next to --inMemoryPersistence (it stays the child's cwd).
    ...(o.inMemory ? ['--inMemoryPersistence'] : ['--location', o.location]),
    '--blobPort',
    String(o.blobPort),
    '--queuePort',
    String(o.blobPort && o.blobPort + 1),
    '--tablePort',
    String(o.blobPort && o.blobPort + 2),
  ];
  const child = new SupervisedChild(
    spawn(process.execPath, args, {
      cwd: o.location,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: process.platform !== 'win32',
    }),
    { name: 'azurite', echo: o.echo },
  );
  const ready = child.ready(
    'its "successfully listening" lines',
    AZURITE_READY_TIMEOUT_MS,
    stop,
    async (signal) => {
      const [blob, queue, table] = await Promise.all(
        ['Blob', 'Queue', 'Table'].map(async (service) => {
          const line = new RegExp(`${service} service is successfully listening at \\S+:(\\d+)`);
          return Number((await child.waitForLine(line, signal))[1]);
        }),
      );
      return { blob: blob!, queue: queue!, table: table! };
    },
  );
  return { child, ready };
}
