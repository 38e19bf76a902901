// Raw floors shared by several scenarios, each measured at most once per run: ws echo round trips
// and undici POSTs to a trivial node:http echo server.
import type { BenchContext } from './context';
import type { HttpJobResult } from './http-load';
import { runHttpJob } from './http-load';
import { foreignCpu, MachineCpu } from './machine-cpu';
import { makeData, writeHeader } from './payload';
import type { RoundTripMeasurement } from './round-trip-run';
import { measureRoundTrips } from './round-trip-run';
import { closeClients, openClients } from './ws-clients';

export interface LoadTiming {
  warmMs: number;
  measureMs: number;
}

export const SHORT: LoadTiming = { warmMs: 1000, measureMs: 3000 };

/** Raw ws echo: `c` clients in a closed loop, `size`-byte text messages. */
export function echoFloor(
  ctx: BenchContext,
  c: number,
  size: number,
  t: LoadTiming = SHORT,
): Promise<RoundTripMeasurement> {
  return ctx.floor(`echo:${c}:${size}`, async () => {
    const server = await ctx.start('servers', 'echo-server');
    const clients = await openClients(c, () => `ws://127.0.0.1:${server.port}/`);
    // Large messages reuse one buffer per client; its header changes per send.
    const big = size > 4096 ? clients.map(() => Buffer.alloc(size, 'x')) : undefined;
    try {
      return await measureRoundTrips({
        server,
        sockets: clients.map((x) => x.ws),
        ...t,
        frame: (w, seq) => {
          if (!big) return makeData(seq, 0, size);
          writeHeader(big[w]!, 0, seq, 0);
          return big[w]!;
        },
        accepts: () => true,
        timeoutMs: 10_000,
      });
    } finally {
      await ctx.stop(server);
      closeClients(clients);
    }
  });
}

export interface HttpFloorSpec {
  concurrency: number;
  size: number;
  /** Pause after each request (paced load); 0 = back to back. */
  gapMs?: number;
  timing?: LoadTiming;
}

export interface HttpMeasurement extends HttpJobResult {
  serverCpuPct: number;
  foreignCpuPct: number;
}

/** undici POST (c connections, keep-alive) to a node:http server that echoes the body. */
export function httpFloor(ctx: BenchContext, s: HttpFloorSpec): Promise<HttpMeasurement> {
  const t = s.timing ?? SHORT;
  const gapMs = s.gapMs ?? 0;
  return ctx.floor(`http:${s.concurrency}:${s.size}:${gapMs}:${t.measureMs}`, async () => {
    const server = await ctx.start('servers', 'http-echo-server');
    try {
      await server.cpuReset();
      const machine = new MachineCpu();
      const r = await runHttpJob(ctx, {
        origin: `http://127.0.0.1:${server.port}`,
        targets: [{ path: '/api/events' }],
        contentType: 'application/json',
        size: s.size,
        concurrency: s.concurrency,
        warm: { ms: t.warmMs },
        measure: { ms: t.measureMs },
        gapMs,
        expectStatus: 200,
      });
      const busy = machine.read();
      const serverCpuPct = (await server.stats()).cpuPct;
      return { ...r, serverCpuPct, foreignCpuPct: foreignCpu(busy, serverCpuPct, r.clientCpuPct) };
    } finally {
      await ctx.stop(server);
    }
  });
}
