// Closed-loop round trips through a path of several server processes (emulator → host, or the
// gateway → echo floor), with each process's CPU and the runner's over the measured phase.
import type WebSocket from 'ws';

import type { LoopResult } from './closed-loop';
import { closedLoop } from './closed-loop';
import { CpuMeter } from './cpu';
import type { CpuGroup } from './cpu-group';
import { sumCpu } from './cpu-group';
import { foreignCpu, MachineCpu } from './machine-cpu';
import type { RoundTripOptions } from './round-trip';
import { RoundTripper } from './round-trip';

export interface PathMeasurement extends LoopResult {
  concurrency: number;
  /** All the path's server processes together. */
  serverCpuPct: number;
  servers: Record<string, number>;
  clientCpuPct: number;
  foreignCpuPct: number;
}

export interface PathSpec extends RoundTripOptions {
  cpu: CpuGroup;
  sockets: readonly WebSocket[];
  warmMs: number;
  measureMs: number;
}

export async function measurePath(s: PathSpec): Promise<PathMeasurement> {
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
        await s.cpu.reset();
        cpu.reset();
        machine.reset();
      },
    });
    const clientCpuPct = cpu.read().cpuPct;
    const busy = machine.read();
    const servers = await s.cpu.read();
    const serverCpuPct = sumCpu(servers);
    return {
      ...r,
      concurrency: s.sockets.length,
      serverCpuPct,
      servers,
      clientCpuPct,
      foreignCpuPct: foreignCpu(busy, serverCpuPct, clientCpuPct),
    };
  } finally {
    rt.close();
  }
}
