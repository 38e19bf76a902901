// Starts Azurite (blob, queue, table on three consecutive ports) as a child of this Node and waits
// until all three services say they are listening.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';

import type { Launched } from './child';
import { SupervisedChild } from './child';

export const AZURITE_READY_TIMEOUT_MS = 30_000;

export interface AzuriteOptions {
  cli: string;
  blobPort: number;
  location: string;
  /** Echo Azurite's start-up lines (it is `--silent` otherwise: no access log). */
  echo: boolean;
}

export function startAzurite(o: AzuriteOptions, stop: AbortSignal): Launched {
  mkdirSync(o.location, { recursive: true });
  const args = [
    o.cli,
    '--silent',
    '--disableTelemetry', // otherwise Azurite tries the network
    '--skipApiVersionCheck',
    '--loose',
    '--location',
    o.location,
    '--blobPort',
    String(o.blobPort),
    '--queuePort',
    String(o.blobPort + 1),
    '--tablePort',
    String(o.blobPort + 2),
  ];
  const child = new SupervisedChild(
    spawn(process.execPath, args, { cwd: o.location, stdio: ['ignore', 'pipe', 'pipe'] }),
    { name: 'azurite', echo: o.echo },
  );
  const ready = child.ready(
    'its "successfully listening" lines',
    AZURITE_READY_TIMEOUT_MS,
    stop,
    (signal) =>
      Promise.all(
        ['Blob', 'Queue', 'Table'].map((service) =>
          child.waitForLine(new RegExp(`${service} service is successfully listening`), signal),
        ),
      ),
  );
  return { child, ready };
}
