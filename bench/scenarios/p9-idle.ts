// P9: idle scale — 1,000 subprotocol connections in 10 groups of 100, then 10,000, held by client
// processes; server RSS growth per connection against a raw ws server, and event-loop lag p99.
import type { BenchContext } from '../lib/context';
import { IdleFleet } from '../lib/idle-fleet';
import type { LagStats, ProcessStats } from '../lib/ipc';
import { machineInfo } from '../lib/machine';
import type { Row } from '../lib/rows';
import type { Scenario, ScenarioOutput } from '../lib/scenario';
import { sleep } from '../lib/stats';
import { clientUrl, JSON_SUBPROTOCOL } from '../lib/tokens';
import { closeClients, openClients } from '../lib/ws-clients';

const GROUPS = 10;
const IDLE_MS = 3000;
const BIG = 10_000;

interface Footprint {
  server: 'emulator' | 'raw';
  requested: number;
  opened: number;
  failed: number;
  firstError?: string;
  heldAfterIdle: number;
  openMs: number;
  before: ProcessStats;
  after: ProcessStats;
  rssPerConnKb: number;
  heapPerConnKb: number;
  lag: LagStats;
}

async function footprint(
  ctx: BenchContext,
  kind: 'emulator' | 'raw',
  n: number,
  processes: number,
): Promise<Footprint> {
  const server = await ctx.start(
    'servers',
    kind === 'emulator' ? 'emulator-server' : 'relay-server',
    {
      exposeGc: true,
    },
  );
  const key = server.info.accessKey as string;
  const urls =
    kind === 'emulator'
      ? Array.from({ length: GROUPS }, (_, g) => clientUrl(server.port, key, { groups: [`g${g}`] }))
      : [`ws://127.0.0.1:${server.port}/`];
  const protocol = kind === 'emulator' ? { protocol: JSON_SUBPROTOCOL } : {};
  // Warm the accept path once so code and pools are not counted per connection.
  const warm = await openClients(50, (i) => urls[i % urls.length]!, protocol);
  closeClients(warm);
  await sleep(300);
  await server.gc();
  const before = await server.stats();
  let fleet: IdleFleet | undefined;
  try {
    const opened = await IdleFleet.open(ctx, n, processes, { urls, batch: 100, ...protocol });
    fleet = opened.fleet;
    await sleep(500);
    await server.lagStart();
    await sleep(IDLE_MS);
    const lag = await server.lagRead();
    await server.gc();
    const after = await server.stats();
    const held = await fleet.stillOpen();
    const per = (bytes: number) => bytes / Math.max(1, opened.result.opened) / 1024;
    const out: Footprint = {
      server: kind,
      requested: n,
      opened: opened.result.opened,
      failed: opened.result.failed,
      heldAfterIdle: held,
      openMs: opened.result.ms,
      before,
      after,
      rssPerConnKb: per(after.rss - before.rss),
      heapPerConnKb: per(after.heapUsed - before.heapUsed),
      lag,
    };
    if (opened.result.firstError !== undefined) out.firstError = opened.result.firstError;
    return out;
  } finally {
    await ctx.stop(server);
    await fleet?.close();
  }
}

function rows(label: string, emu: Footprint, raw: Footprint, n: number): Row[] {
  const lost = (f: Footprint) =>
    f.heldAfterIdle < f.requested ? [`${f.server} held ${f.heldAfterIdle}`] : [];
  return [
    {
      scenario: label,
      metric: 'connections held',
      unit: 'count',
      emulator: emu.heldAfterIdle,
      floor: raw.heldAfterIdle,
      check: { kind: '>=', value: n },
      flags: [...lost(emu), ...lost(raw)],
    },
    {
      scenario: label,
      metric: 'RSS per connection',
      unit: 'KB',
      emulator: emu.rssPerConnKb,
      floor: raw.rssPerConnKb,
      check: { kind: 'ratio<=', value: 3 },
    },
    {
      scenario: label,
      metric: 'time to open all',
      unit: 'µs',
      emulator: emu.openMs * 1000,
      floor: raw.openMs * 1000,
      check: { kind: 'info' },
    },
    {
      scenario: label,
      metric: 'idle loop lag p99',
      unit: 'ms',
      emulator: emu.lag.p99,
      floor: raw.lag.p99,
      check: { kind: '<', value: 5 },
    },
  ];
}

export const p9: Scenario = {
  id: 'P9',
  title: 'Idle scale: 1,000 connections in 10 groups, then 10,000 (memory, loop lag)',
  budgetMs: 240_000,
  async run(ctx): Promise<ScenarioOutput> {
    const notes: string[] = [];
    const limit = machineInfo().openFilesLimit;
    if (limit !== null && limit < BIG + 200)
      notes.push(`ulimit -n is ${limit}: the server cannot hold ${BIG} sockets; expect failures.`);
    const small = {
      emulator: await footprint(ctx, 'emulator', 1000, 1),
      raw: await footprint(ctx, 'raw', 1000, 1),
    };
    const big = {
      emulator: await footprint(ctx, 'emulator', BIG, 4),
      raw: await footprint(ctx, 'raw', BIG, 4),
    };
    notes.push(
      `RSS after a forced GC, minus RSS after 50 warm-up connections came and went; ${IDLE_MS / 1000} s idle; clients in 1 process (1k) or 4 processes (10k); ulimit -n ${limit ?? 'unlimited'}.`,
    );
    return {
      rows: [
        ...rows('P9 1k idle', small.emulator, small.raw, 1000),
        ...rows('P9 10k idle', big.emulator, big.raw, BIG),
      ],
      raw: { small, big },
      notes,
    };
  },
};
