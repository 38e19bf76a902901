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
  /** The warm-up storms run before this one. */
  warmUp?: WarmUp;
}

export interface WarmUp {
  /** The first storm against fresh processes (cold code paths): all open, ms. */
  coldMs: number;
  /** Failed connects over every warm-up storm. */
  failed: number;
}

/** The warm-up: this many storms of `WARM_UP_CLIENTS`, opened then closed, before the measured one. */
export const WARM_UP_STORMS = 3;
export const WARM_UP_CLIENTS = 1000;
/** Every storm, warm-up or measured, opens its clients this way. */
const STORM = { batch: 50, timeoutMs: 15_000 };

/**
 * Storms like the measured one, opened and closed first (PERF-BASELINES: measure after a warm-up),
 * so each side is measured at its steady state: the emulator's, host's and library's connect
 * paths run thousands of times before V8 has optimised them (measured: the first storm of a fresh
 * stack takes about twice as long as the fourth, and the raw floor speeds up as much).
 */
export async function warmUpStorm(url: (i: number) => string, open: OpenOptions): Promise<WarmUp> {
  const warm: WarmUp = { coldMs: 0, failed: 0 };
  for (let s = 0; s < WARM_UP_STORMS; s++) {
    const t0 = nowUs();
    const r = await openClientsCounting(WARM_UP_CLIENTS, (i) => url(s * WARM_UP_CLIENTS + i), {
      ...STORM,
      ...open,
    });
    if (s === 0) warm.coldMs = (nowUs() - t0) / 1000;
    warm.failed += r.failed;
    closeClients(r.clients);
    await sleep(300);
  }
  return warm;
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
  const r = await openClientsCounting(n, (i) => urls[i]!, { ...STORM, ...open });
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
      const warmUp = await warmUpStorm(() => url, {});
      const storm = await connectStorm(n, urls, new CpuGroup([childCpu('raw ws', server)]), {});
      return { ...storm, warmUp };
    } finally {
      await ctx.stop(server);
    }
  });
}

/**
 * The naive-upstream floor: the same storm against a raw ws server that makes the protocol's two
 * upstream calls per connect (a blocking `connect` POST, a fire-and-forget `connected` POST) to a
 * node:http echo and does nothing else — what any implementation of the protocol pays.
 */
export function connectUpstreamFloor(ctx: BenchContext, n: number): Promise<StormMeasurement> {
  return ctx.floor(`connect-upstream:${n}`, async () => {
    const echo = await ctx.start('servers', 'http-echo-server');
    const gateway = await ctx.start('servers', 'connect-gateway-server');
    try {
      await gateway.call('upstream', { origin: `http://127.0.0.1:${echo.port}` });
      const url = `ws://127.0.0.1:${gateway.port}/`;
      const urls = Array.from({ length: n }, () => url);
      const open = { awaitConnected: true };
      const warmUp = await warmUpStorm(() => url, open);
      const cpu = new CpuGroup([childCpu('gateway', gateway), childCpu('upstream', echo)]);
      return { ...(await connectStorm(n, urls, cpu, open)), warmUp };
    } finally {
      await Promise.all([ctx.stop(gateway), ctx.stop(echo)]);
    }
  });
}
