// The inspector's own HTTP server, on its own loopback port: `startInspector(ctx, tap, port)` →
// { url, close }. Closing it ends every open page's stream.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { EmulatorContext } from '../context';
import { handleInspector } from './api';
import type { InspectorTap } from './tap';

export interface RunningInspector {
  /** http://localhost:PORT/inspector */
  url: string;
  close(): Promise<void>;
}

export async function startInspector(
  ctx: EmulatorContext,
  tap: InspectorTap,
  port: number,
  /** Undoes what the caller started when the inspector cannot listen (its port is taken). */
  onFailure: () => void = () => undefined,
): Promise<RunningInspector> {
  const server = createServer((req, res) => void handleInspector(ctx, tap, req, res));
  // Loopback only, whatever interface the emulator itself listens on.
  server.listen(port, '127.0.0.1');
  try {
    await once(server, 'listening');
  } catch (err) {
    onFailure();
    throw err;
  }
  const actual = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://localhost:${actual}/inspector`,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })),
  };
}
