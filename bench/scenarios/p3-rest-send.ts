// P3: REST single-target sends (/users/{id}/:send, /connections/{id}/:send), 100 B, JWT, undici
// at c=1 and c=32 from a client process; floor: undici POST to a trivial node:http echo server.
import type { Child } from '../lib/child';
import type { BenchContext } from '../lib/context';
import { DeliveryCounter } from '../lib/delivery-counter';
import type { HttpMeasurement } from '../lib/floors';
import { httpFloor } from '../lib/floors';
import type { HttpTarget } from '../lib/http-load';
import { runHttpJob } from '../lib/http-load';
import { machineInfo } from '../lib/machine';
import { foreignCpu, MachineCpu } from '../lib/machine-cpu';
import { makeData } from '../lib/payload';
import type { Row } from '../lib/rows';
import { cpuOf, loadFlags, row } from '../lib/rows';
import type { Scenario, ScenarioOutput } from '../lib/scenario';
import { clientUrl, JSON_SUBPROTOCOL, origin, restPath, restToken } from '../lib/tokens';
import type { WrkResult } from '../lib/wrk';
import { runWrk } from '../lib/wrk';
import { closeClients, openClients } from '../lib/ws-clients';

const TARGETS = 8;
const KINDS = ['users', 'connections'] as const;
const CONCURRENCY = [1, 32] as const;

interface SendMeasurement extends HttpMeasurement {
  lost: number;
}

async function measureSends(
  ctx: BenchContext,
  server: Child,
  targets: HttpTarget[],
  counter: DeliveryCounter,
  concurrency: number,
): Promise<SendMeasurement> {
  const before = counter.total;
  await server.cpuReset();
  const machine = new MachineCpu();
  const r = await runHttpJob(ctx, {
    origin: origin(server.port),
    targets,
    contentType: 'text/plain',
    size: 100,
    concurrency,
    warm: { ms: 1000 },
    measure: { ms: 3000 },
    gapMs: 0,
    expectStatus: 202,
  });
  const busy = machine.read();
  const serverCpuPct = (await server.stats()).cpuPct;
  const foreignCpuPct = foreignCpu(busy, serverCpuPct, r.clientCpuPct);
  const sent = r.warmOps + r.ops;
  await counter.settle(before + sent, 1000, 5000);
  return { ...r, serverCpuPct, foreignCpuPct, lost: Math.max(0, sent - (counter.total - before)) };
}

/** At c=1 the p50 row carries the check, flags and CPU; at c=32 the req/s row does. */
function rowsFor(scenario: string, c: number, emu: SendMeasurement, floor: HttpMeasurement): Row[] {
  const flags = [
    ...loadFlags(emu, floor),
    ...(emu.errors ? [`${emu.errors} errors`] : []),
    ...(emu.lost ? [`${emu.lost} not delivered`] : []),
  ];
  const cpu = cpuOf(emu, floor);
  const p50 = row(scenario, 'p50', 'µs', emu.latency.p50, floor.latency.p50);
  const p99 = row(scenario, 'p99', 'µs', emu.latency.p99, floor.latency.p99);
  const rate = row(scenario, 'req/s', '/s', emu.reqPerSec, floor.reqPerSec);
  return c === 1
    ? [{ ...p50, check: { kind: 'ratio<=', value: 1.5 }, flags, cpu }, p99, rate]
    : [{ ...rate, check: { kind: 'ratio>=', value: 0.5 }, flags, cpu }, p50, p99];
}

async function wrkRows(
  ctx: BenchContext,
  wrk: string,
  targets: HttpTarget[],
  port: number,
): Promise<Row[]> {
  const floorServer = await ctx.start('servers', 'http-echo-server');
  const body = makeData(0, 0, 100);
  const floor = await runWrk(wrk, `${origin(floorServer.port)}/api/events`, {
    connections: 32,
    seconds: 3,
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  await ctx.stop(floorServer);
  const t = targets[0]!;
  const emu: WrkResult = await runWrk(wrk, `${origin(port)}${t.path}`, {
    connections: 32,
    seconds: 3,
    headers: { 'Content-Type': 'text/plain', Authorization: `Bearer ${t.token}` },
    body,
  });
  const scenario = 'P3 users wrk c=32';
  return [
    {
      ...row(scenario, 'req/s', '/s', emu.reqPerSec, floor.reqPerSec, {
        kind: 'ratio>=',
        value: 0.4,
      }),
      ...(emu.non2xx ? { flags: [`${emu.non2xx} non-2xx`] } : {}),
    },
    row(scenario, 'p50', 'µs', emu.p50Us, floor.p50Us),
  ];
}

export const p3: Scenario = {
  id: 'P3',
  title: 'REST single-target sends (users, connections), 100 B, JWT, undici c=1 / c=32',
  budgetMs: 120_000,
  async run(ctx): Promise<ScenarioOutput> {
    const floors = {
      c1: await httpFloor(ctx, { concurrency: 1, size: 100 }),
      c32: await httpFloor(ctx, { concurrency: 32, size: 100 }),
    };
    const server = await ctx.start('servers', 'emulator-server');
    const key = server.info.accessKey as string;
    const clients = await openClients(
      TARGETS,
      (i) => clientUrl(server.port, key, { userId: `u${i}` }),
      { protocol: JSON_SUBPROTOCOL, awaitConnected: true },
    );
    const rows: Row[] = [];
    const raw: Record<string, unknown> = { floors };
    const notes: string[] = [];
    try {
      const counter = new DeliveryCounter(clients.map((c) => c.ws));
      let userTargets: HttpTarget[] = [];
      for (const kind of KINDS) {
        const targets = clients.map((c, i) => {
          const path = restPath(`${kind}/${kind === 'users' ? `u${i}` : c.connectionId}/:send`);
          return { path, token: restToken(server.port, key, path) };
        });
        if (kind === 'users') userTargets = targets;
        for (const c of CONCURRENCY) {
          const emu = await measureSends(ctx, server, targets, counter, c);
          const floor = c === 1 ? floors.c1 : floors.c32;
          raw[`${kind} c=${c}`] = emu;
          rows.push(...rowsFor(`P3 ${kind} c=${c}`, c, emu, floor));
        }
      }
      const wrk = machineInfo().wrk;
      if (wrk) rows.push(...(await wrkRows(ctx, wrk, userTargets, server.port)));
      else notes.push('wrk is not on PATH: the wrk c=32 comparison was skipped.');
    } finally {
      await ctx.stop(server);
      closeClients(clients);
    }
    notes.push(
      'Each request goes to one of 8 targets in turn; the targets are connected JSON clients that count what they get.',
    );
    return { rows, raw, notes };
  },
};
