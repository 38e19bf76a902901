// Client process: opens its share of idle WebSocket connections in batches and holds them until
// told to close (one process cannot comfortably hold 10,000 sockets next to the runner's work).
import { serveControl } from '../lib/control';
import type { OpenedClient } from '../lib/ws-clients';
import { closeClients, openClientsCounting } from '../lib/ws-clients';

export interface IdleJob {
  /** Client i connects to urls[i % urls.length]. */
  urls: string[];
  count: number;
  batch: number;
  protocol?: string;
}

export interface IdleOpened {
  opened: number;
  failed: number;
  firstError?: string;
  ms: number;
}

let held: OpenedClient[] = [];

async function open(job: IdleJob): Promise<IdleOpened> {
  const t0 = Date.now();
  const r = await openClientsCounting(job.count, (i) => job.urls[i % job.urls.length]!, {
    batch: job.batch,
    timeoutMs: 20_000,
    ...(job.protocol ? { protocol: job.protocol } : {}),
  });
  held = r.clients;
  const out: IdleOpened = { opened: r.clients.length, failed: r.failed, ms: Date.now() - t0 };
  if (r.firstError !== undefined) out.firstError = r.firstError;
  return out;
}

serveControl(
  0,
  {},
  {
    open: (job) => open(job as IdleJob),
    open_count: () => held.filter((c) => c.ws.readyState === c.ws.OPEN).length,
  },
  () => {
    closeClients(held);
    held = [];
    return Promise.resolve();
  },
);
