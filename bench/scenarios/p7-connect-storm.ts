// P7: connect storm — 1,000 subprotocol clients in batches of 50; each `connect` is a blocking
// call to the host's `connect` function (user id, groups), `connected` a fire-and-forget one.
// Floor: 1,000 raw ws connects in the same batches; reported beside it, the naive-upstream floor
// (a raw ws server making the same two upstream calls per connect to a node:http echo).
import { request } from 'undici';

import { startStack, stopStack } from '../lib/bench-stack';
import type { StormMeasurement, WarmUp } from '../lib/connect-storm';
import {
  connectFloor,
  connectStorm,
  connectUpstreamFloor,
  WARM_UP_CLIENTS,
  WARM_UP_STORMS,
  warmUpStorm,
} from '../lib/connect-storm';
import { describeCpu } from '../lib/cpu-group';
import { BENCH_APP } from '../lib/host-child';
import { cpuOf, loadFlags, row } from '../lib/rows';
import type { Scenario, ScenarioOutput } from '../lib/scenario';
import { sleep } from '../lib/stats';
import { clientUrl, JSON_SUBPROTOCOL } from '../lib/tokens';

const N = 1000;
const GROUPS = 10;

/** The host's count of `connected` invocations, once it stops growing (at most 5 s). */
async function connectedHandled(hostUrl: string, want: number): Promise<number> {
  let seen = -1;
  for (let i = 0; i < 50; i++) {
    const res = await request(`${hostUrl}/api/counts`);
    const { connected } = (await res.body.json()) as { connected: number };
    if (connected >= want || connected === seen) return connected;
    seen = connected;
    await sleep(100);
  }
  return seen;
}

export const p7: Scenario = {
  id: 'P7',
  title: `Connect storm: ${N} subprotocol clients, batches of 50, blocking connect via the host`,
  budgetMs: 120_000,
  async run(ctx): Promise<ScenarioOutput> {
    const floor = await connectFloor(ctx, N);
    const naive = await connectUpstreamFloor(ctx, N);
    const stack = await startStack(ctx, {
      app: BENCH_APP,
      systemEvents: ['connect', 'connected'],
    });
    let emu: StormMeasurement;
    let handled: number;
    let warmUp: WarmUp;
    try {
      const port = stack.emulator.port;
      const open = { protocol: JSON_SUBPROTOCOL, awaitConnected: true };
      warmUp = await warmUpStorm(
        (i) => `${clientUrl(port, stack.key, { userId: `warm-${i}` })}&group=warm-${i % GROUPS}`,
        open,
      );
      // Zero the host's counts once the warm-up's `connected` events have all run.
      await connectedHandled(stack.host.url, WARM_UP_STORMS * WARM_UP_CLIENTS);
      await request(`${stack.host.url}/api/counts`, { method: 'POST' }).then((r) => r.body.dump());
      const urls = Array.from(
        { length: N },
        (_, i) =>
          `${clientUrl(port, stack.key, { userId: `storm-${i}` })}&group=storm-${i % GROUPS}`,
      );
      emu = await connectStorm(N, urls, stack.cpu, open);
      handled = await connectedHandled(stack.host.url, emu.opened);
    } finally {
      await stopStack(ctx, stack);
    }
    const scenario = `P7 N=${N}`;
    const flags = [...loadFlags(emu, floor), ...(emu.firstError ? [emu.firstError] : [])];
    return {
      rows: [
        {
          ...row(scenario, 'all open', 'ms', emu.ms, floor.ms, { kind: 'ratio<=', value: 3 }),
          flags,
          cpu: cpuOf(emu, floor),
        },
        row(scenario, 'failed connects', 'count', emu.failed + warmUp.failed, undefined, {
          kind: '<',
          value: 1,
        }),
        row(scenario, 'first storm (cold)', 'ms', warmUp.coldMs, floor.warmUp?.coldMs),
        row(scenario, 'connects/s', '/s', emu.connectsPerSec, floor.connectsPerSec),
        {
          ...row(scenario, 'naive upstream: all open', 'ms', naive.ms, floor.ms),
          cpu: cpuOf(naive, floor),
        },
        row(scenario, 'all open vs naive upstream', 'ms', emu.ms, naive.ms),
        row(scenario, 'connected events run', 'count', handled, undefined, {
          kind: '>=',
          value: emu.opened,
        }),
      ],
      raw: { emulator: { ...emu, warmUp }, floor, naiveUpstream: naive, connectedHandled: handled },
      notes: [
        `cpu by process: ${describeCpu(emu.servers)}, runner ${emu.clientCpuPct}% | floor ${describeCpu(floor.servers)}, runner ${floor.clientCpuPct}% | naive upstream ${describeCpu(naive.servers)}, runner ${naive.clientCpuPct}%`,
        "'naive upstream' rows: a raw ws server that makes the protocol's two upstream calls per connect (blocking `connect` POST read before the upgrade completes, fire-and-forget `connected` POST) to a node:http echo and nothing else; its ratio to the raw floor is what the protocol itself costs here, ours to it what the emulator, host and library add.",
        `Each side first runs ${WARM_UP_STORMS} storms of ${WARM_UP_CLIENTS} clients, opened then closed (warm-up); the first of them, against fresh processes, is the 'first storm (cold)' row; failed connects count every storm.`,
        'Emulator clients count as open at the `connected` system message (after the host answered `connect`), naive-upstream clients at the same message, raw floor clients at the ws `open` event.',
      ],
    };
  },
};
