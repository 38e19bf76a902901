// P4: upstream user-event round trip, 1 client: `event` frame → emulator → CloudEvents POST →
// offline host (`echo` webPubSubTrigger) → reply → server message. Floor: ws → CE POST → ws.
import { cpuNote, cpuPerOpRow, pathCpu, pathFlags } from '../lib/path-rows';
import { row } from '../lib/rows';
import type { Scenario, ScenarioOutput } from '../lib/scenario';
import { hostUpstream, upstreamFloor } from '../lib/upstream-paths';

export const p4: Scenario = {
  id: 'P4',
  title: 'Upstream user-event round trip through emulator + offline host (echo function), c=1',
  budgetMs: 90_000,
  async run(ctx): Promise<ScenarioOutput> {
    const floor = await upstreamFloor(ctx, 1);
    const emu = await hostUpstream(ctx, 1);
    const scenario = 'P4 c=1';
    return {
      rows: [
        {
          ...row(scenario, 'p50', 'µs', emu.latency.p50, floor.latency.p50, {
            kind: 'ratio<=',
            value: 2,
          }),
          flags: pathFlags(emu, floor),
          cpu: pathCpu(emu, floor),
        },
        row(scenario, 'p99', 'µs', emu.latency.p99, floor.latency.p99, {
          kind: 'ratio<=',
          value: 3,
        }),
        row(scenario, 'RT/s', '/s', emu.opsPerSec, floor.opsPerSec),
        cpuPerOpRow(scenario, emu, floor),
      ],
      raw: { emulator: emu, floor },
      notes: [
        cpuNote('cpu by process', emu, floor),
        'The floor gateway parses the frame, signs (HMAC) and POSTs with 12 CloudEvents headers over undici keep-alive, and wraps the reply, as PERF-BASELINES §2.4 `+CE`.',
      ],
    };
  },
};
