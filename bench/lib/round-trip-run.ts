// One closed-loop round-trip measurement over WebSockets (echo floor or emulator self round trip),
// with the server's and the runner's CPU over the measured phase.
import type WebSocket from 'ws';

import type { Child } from './child';
import type { LoopResult } from './closed-loop';
import { closedLoop } from './closed-loop';
import { CpuMeter } from './cpu';
import { foreignCpu, MachineCpu } from './machine-cpu';
import type { RoundTripOptions } from './round-trip';
import { RoundTripper } from './round-trip';

export interface RoundTripMeasurement extends LoopResult {
  concurrency: number;
  serverCpuPct: number;
  clientCpuPct: number;
  foreignCpuPct: number;
}

export interface RoundTripSpec extends RoundTripOptions {
  server: Child;
  sockets: readonly WebSocket[];
  warmMs: number;
  measureMs: number;
}

export async function measureRoundTrips(s: RoundTripSpec): Promise<RoundTripMeasurement> {
  const rt = new RoundTripper(s.sockets, s);
  const cpu = new CpuMeter();
  const machine = new MachineCpu();
  try {
    const r = await closedLoop({
      concurrency: s.sockets.length,
      warm: { ms: s.warmMs },
      measure: { ms: s.measureMs },
      op: rt.op,
      beforeMeasure: async () => {
        await s.server.cpuReset();
        cpu.reset();
        machine.reset();
      },
    });
    const clientCpuPct = cpu.read().cpuPct;
    const busy = machine.read();
    const st = await s.server.stats();
    return {
      ...r,
      concurrency: s.sockets.length,
      serverCpuPct: st.cpuPct,
      clientCpuPct,
      foreignCpuPct: foreignCpu(busy, st.cpuPct, clientCpuPct),
    };
  } finally {
    rt.close();
  }
}
