// P5: the P4 upstream round trip with 50 clients in a closed loop: round trips/s and p99 through
// emulator + offline host, next to the naive gateway floor at the same concurrency.
import { LIBRARY_NOTE, libraryBuilds, libraryRows } from '../lib/library-ceiling';
import { cpuNote, cpuPerOpRow, pathCpu, pathFlags } from '../lib/path-rows';
import { row } from '../lib/rows';
import type { Scenario, ScenarioOutput } from '../lib/scenario';
import { EVENT_BYTES, hostUpstream, upstreamFloor } from '../lib/upstream-paths';

const CLIENTS = 50;

export const p5: Scenario = {
  id: 'P5',
  title: `Upstream user-event round trips through emulator + offline host, ${CLIENTS} clients closed loop`,
  budgetMs: 90_000,
  async run(ctx): Promise<ScenarioOutput> {
    const floor = await upstreamFloor(ctx, CLIENTS);
    const emu = await hostUpstream(ctx, CLIENTS);
    const lib = await libraryBuilds(ctx, 'webpubsub', EVENT_BYTES);
    const scenario = `P5 c=${CLIENTS}`;
    return {
      rows: [
        {
          ...row(scenario, 'RT/s', '/s', emu.opsPerSec, floor.opsPerSec, {
            kind: 'ratio>=',
            value: 0.5,
          }),
          flags: pathFlags(emu, floor),
          cpu: pathCpu(emu, floor),
        },
        row(scenario, 'p99', 'µs', emu.latency.p99, floor.latency.p99, {
          kind: 'ratio<=',
          value: 3,
        }),
        row(scenario, 'p50', 'µs', emu.latency.p50, floor.latency.p50),
        cpuPerOpRow(scenario, emu, floor),
        ...libraryRows(scenario, lib, floor.opsPerSec),
      ],
      raw: { emulator: emu, floor, library: lib },
      notes: [cpuNote('cpu by process', emu, floor), LIBRARY_NOTE],
    };
  },
};
