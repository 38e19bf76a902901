// P10's load: 1,000 guests of the chat app in 10 big rooms of 100 (100 of them also alone in a room
// of their own); REST group sends to the big rooms, REST sends to users, and room messages through
// the app's `message` event, all open loop at fixed rates on one clock, then counted per stream.
import { openMembers, startAppStack } from './app-stack';
import type { RunningAzurite } from './azurite';
import { stopStack } from './bench-stack';
import type { BenchContext } from './context';
import { CpuMeter } from './cpu';
import { foreignCpu, MachineCpu } from './machine-cpu';
import type { StreamName, StreamReceipt } from './mixed-receivers';
import { MixedReceivers, USER_SEQ_BASE } from './mixed-receivers';
import type { PacedJob, PacedResult } from './paced';
import { paced } from './paced';
import { makeData } from './payload';
import { nowUs, sleep } from './stats';
import { origin, restPath, restToken } from './tokens';
import type { OpenedClient } from './ws-clients';
import { closeClients } from './ws-clients';

/** BENCH_P10_SCALE=0.5 halves every rate (a smaller box); the definition is 1. */
export const P10_SCALE = Number(process.env.BENCH_P10_SCALE ?? 1) || 1;
export const MIX = {
  ...{ clients: 1000, groups: 10, senders: 100, size: 100 },
  // The stack starts cold (JIT, first write per room): the rates climb over 2 s, then run at full
  // rate for 3 s before the 30 s that are measured.
  ...{ rampMs: 2000, warmMs: 5000, measureMs: 30_000 },
  groupRate: 300 * P10_SCALE,
  restRate: 180 * P10_SCALE,
  upstreamRate: 500 * P10_SCALE,
};

export interface MixedResult {
  setupMs: number;
  received: Record<StreamName, StreamReceipt>;
  expected: Record<StreamName, number>;
  rates: Record<StreamName, number>;
  rest: PacedResult;
  appErrors: number;
  firstAppError?: string;
  servers: Record<string, number>;
  runnerCpuPct: number;
  foreignCpuPct: number;
}

export async function runMixed(ctx: BenchContext, azurite: RunningAzurite): Promise<MixedResult> {
  const stack = await startAppStack(ctx, azurite, 'table');
  let clients: OpenedClient[] = [];
  try {
    const t0 = Date.now();
    const rooms = (i: number) => [
      `big-${i % MIX.groups}`,
      ...(i < MIX.senders ? [`solo-${i}`] : []),
    ];
    clients = await openMembers(stack, MIX.clients, 'p10', rooms);
    const setupMs = Date.now() - t0;
    console.log(`  P10: ${MIX.clients} clients connected and joined in ${setupMs / 1000} s`);
    const receivers = new MixedReceivers(clients.map((c) => c.ws));
    const { port } = stack.emulator;
    const target = (op: string) => {
      const path = restPath(op);
      return { path, token: restToken(port, stack.key, path) };
    };
    const startUs = nowUs() + 1_000_000;
    const fromUs = startUs + MIX.warmMs * 1000;
    const untilUs = fromUs + MIX.measureMs * 1000;
    receivers.fromUs = fromUs;
    receivers.untilUs = untilUs;
    const job: PacedJob = {
      ...{ origin: origin(port), startUs, warmMs: MIX.warmMs, rampMs: MIX.rampMs },
      measureMs: MIX.measureMs,
      ...{ size: MIX.size, connections: 32 },
      streams: [
        {
          ...{ name: 'groups', rate: MIX.groupRate, seqBase: 0 },
          targets: Array.from({ length: MIX.groups }, (_, g) =>
            target(`groups/room.big-${g}/:send`),
          ),
        },
        {
          ...{ name: 'users', rate: MIX.restRate, seqBase: USER_SEQ_BASE },
          targets: clients.map((_, k) => target(`users/guest-p10-${k}/:send`)),
        },
      ],
    };
    const restClient = await ctx.start('clients', 'paced-rest-client');
    const rest = restClient.call<PacedResult>('run', job, MIX.warmMs + MIX.measureMs + 60_000);
    const runner = new CpuMeter();
    const machine = new MachineCpu();
    const reset = setTimeout(
      () => {
        runner.reset();
        machine.reset();
        void stack.cpu.reset();
      },
      (fromUs - nowUs()) / 1000,
    );
    let upstreamSent = 0;
    const upstream = (i: number) => {
      const k = i % MIX.senders;
      const ts = nowUs();
      if (ts >= fromUs) upstreamSent++;
      clients[k]!.ws.send(
        `{"type":"event","event":"message","dataType":"json","data":{"id":"u${i}","to":{"room":"solo-${k}"},"text":"${makeData(i, ts, MIX.size)}"}}`,
      );
    };
    await paced(MIX.upstreamRate, startUs, untilUs, upstream, MIX.rampMs * 1000);
    clearTimeout(reset);
    const runnerCpuPct = runner.read().cpuPct;
    const busy = machine.read();
    const servers = await stack.cpu.read();
    const restResult = await rest;
    await ctx.stop(restClient);
    // Let the tail arrive: stop when nothing came for a second (at most 15 s).
    for (let seen = -1, t = Date.now(); seen !== receivers.total() && Date.now() - t < 15_000;) {
      seen = receivers.total();
      await sleep(1000);
    }
    const ok = (name: string) => restResult.streams.find((s) => s.name === name)?.measuredOk ?? 0;
    const own = Object.values(servers).reduce((a, b) => a + b, 0);
    return {
      setupMs,
      received: {
        groups: receivers.receipt('groups'),
        users: receivers.receipt('users'),
        upstream: receivers.receipt('upstream'),
      },
      expected: {
        groups: ok('groups') * (MIX.clients / MIX.groups),
        users: ok('users'),
        upstream: upstreamSent,
      },
      rates: {
        groups: ok('groups') / (MIX.measureMs / 1000),
        users: ok('users') / (MIX.measureMs / 1000),
        upstream: upstreamSent / (MIX.measureMs / 1000),
      },
      rest: restResult,
      appErrors: receivers.errors,
      ...(receivers.firstError !== undefined ? { firstAppError: receivers.firstError } : {}),
      servers,
      runnerCpuPct,
      foreignCpuPct: foreignCpu(busy, own, runnerCpuPct, restResult.clientCpuPct),
    };
  } finally {
    closeClients(clients);
    await stopStack(ctx, stack);
  }
}
