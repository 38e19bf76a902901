// Connect storms (P7): open `n` clients in batches of 50 and time until all are open; the floor
// connects plain ws clients to a raw server, the emulator's subprotocol clients wait for
// `connected` after a blocking `connect` event to the host.
import type { BenchContext } from './context';
import { CpuMeter } from './cpu';
import { childCpu, CpuGroup, sumCpu } from './cpu-group';
import { foreignCpu, MachineCpu } from './machine-cpu';
import { nowUs, sleep } from './stats';
import type { OpenOptions } from './ws-clients';
import { closeClients, openClientsCounting } from './ws-clients';

export interface StormMeasurement {
  n: number;
  opened: number;
  failed: number;
  firstError?: string;
  ms: number;
  connectsPerSec: number;
  servers: Record<string, number>;
  serverCpuPct: number;
  clientCpuPct: number;
  foreignCpuPct: number;
}

/** Clients of the warm-up storm each side gets first (the perf note's method: measure warm). */
export const WARM_UP_CONNECTS = 500;

/**
 * A storm of `WARM_UP_CONNECTS` clients, opened and closed before the measured one, so both sides
 * are measured with compiled code and open keep-alive pools rather than their first-ever connects.
 */
export async function warmUpStorm(url: (i: number) => string, open: OpenOptions): Promise<void> {
  const r = await openClientsCounting(WARM_UP_CONNECTS, url, {
    batch: 50,
    timeoutMs: 15_000,
    ...open,
  });
  closeClients(r.clients);
  await sleep(300);
}

export async function connectStorm(
  n: number,
  urls: readonly string[],
  cpu: CpuGroup,
  open: OpenOptions,
): Promise<StormMeasurement> {
  await cpu.reset();
  const runner = new CpuMeter();
  const machine = new MachineCpu();
  const t0 = nowUs();
  const r = await openClientsCounting(n, (i) => urls[i]!, {
    batch: 50,
    timeoutMs: 15_000,
    ...open,
  });
  const ms = (nowUs() - t0) / 1000;
  const busy = machine.read();
  const clientCpuPct = runner.read().cpuPct;
  const servers = await cpu.read();
  closeClients(r.clients);
  const serverCpuPct = sumCpu(servers);
  return {
    n,
    opened: r.clients.length,
    failed: r.failed,
    ...(r.firstError !== undefined ? { firstError: r.firstError } : {}),
    ms,
    connectsPerSec: (1000 * r.clients.length) / ms,
    servers,
    serverCpuPct,
    clientCpuPct,
    foreignCpuPct: foreignCpu(busy, serverCpuPct, clientCpuPct),
  };
}

/** Floor: `n` plain ws connects to the raw relay server (it only holds them), once per run. */
export function connectFloor(ctx: BenchContext, n: number): Promise<StormMeasurement> {
  return ctx.floor(`connect:${n}`, async () => {
    const server = await ctx.start('servers', 'relay-server');
    try {
      const url = `ws://127.0.0.1:${server.port}/`;
      const urls = Array.from({ length: n }, () => url);
      await warmUpStorm(() => url, {});
      return await connectStorm(n, urls, new CpuGroup([childCpu('raw ws', server)]), {});
    } finally {
      await ctx.stop(server);
    }
  });
}
