// P2: REST broadcast — POST /api/hubs/{hub}/:send (JWT, 100 B) back to back from one undici
// caller (its own process) to 1000 connected clients; deliveries/s and REST response p50.
import type { BenchContext } from '../lib/context';
import { CpuMeter } from '../lib/cpu';
import { DeliveryCounter } from '../lib/delivery-counter';
import { fanoutFloor } from '../lib/fanout-run';
import { httpFloor } from '../lib/floors';
import type { HttpJob, HttpJobResult } from '../lib/http-load';
import { runHttpJob } from '../lib/http-load';
import { foreignCpu, MachineCpu } from '../lib/machine-cpu';
import type { Row } from '../lib/rows';
import { busyBox, clientBound } from '../lib/rows';
import type { Scenario, ScenarioOutput } from '../lib/scenario';
import { clientUrl, JSON_SUBPROTOCOL, origin, restPath, restToken } from '../lib/tokens';
import { closeClients, openClients } from '../lib/ws-clients';

const N = 1000;
/** Paced variant: a pause long enough for one 1000-recipient fan-out to finish. */
const GAP_MS = 25;
const PACED = { warmMs: 500, measureMs: 3000 };

interface BroadcastMeasurement {
  backToBack: HttpJobResult;
  paced: HttpJobResult;
  deliveries: number;
  expected: number;
  deliveriesPerSec: number;
  serverCpuPct: number;
  receiverCpuPct: number;
  foreignCpuPct: number;
}

async function emulatorBroadcast(ctx: BenchContext): Promise<BroadcastMeasurement> {
  const server = await ctx.start('servers', 'emulator-server');
  const key = server.info.accessKey as string;
  const url = clientUrl(server.port, key);
  const clients = await openClients(N, () => url, {
    protocol: JSON_SUBPROTOCOL,
    awaitConnected: true,
  });
  try {
    const counter = new DeliveryCounter(clients.map((c) => c.ws));
    const path = restPath(':send');
    const job: HttpJob = {
      origin: origin(server.port),
      targets: [{ path, token: restToken(server.port, key, path) }],
      contentType: 'text/plain',
      size: 100,
      concurrency: 1,
      warm: { ms: 3000, ops: 30 },
      measure: { ms: 10_000, ops: 300 },
      gapMs: 0,
      expectStatus: 202,
    };
    await server.cpuReset();
    const cpu = new CpuMeter();
    const machine = new MachineCpu();
    const backToBack = await runHttpJob(ctx, job);
    const sent = backToBack.warmOps + backToBack.ops + backToBack.errors;
    await counter.settle(sent * N);
    const receiverCpuPct = cpu.read().cpuPct;
    const busy = machine.read();
    const serverCpuPct = (await server.stats()).cpuPct;
    const measured = counter.range(backToBack.warmOps, sent);
    const seconds = (measured.lastUs - backToBack.startUs) / 1e6;
    const paced = await runHttpJob(ctx, {
      ...job,
      warm: { ms: PACED.warmMs },
      measure: { ms: PACED.measureMs },
      gapMs: GAP_MS,
    });
    return {
      backToBack,
      paced,
      deliveries: measured.deliveries,
      expected: backToBack.ops * N,
      deliveriesPerSec: measured.deliveries / seconds,
      serverCpuPct,
      receiverCpuPct,
      foreignCpuPct: foreignCpu(busy, serverCpuPct, receiverCpuPct, backToBack.clientCpuPct),
    };
  } finally {
    await ctx.stop(server);
    closeClients(clients);
  }
}

export const p2: Scenario = {
  id: 'P2',
  title: `REST broadcast (POST :send, JWT, 100 B) to ${N} clients, 1 caller back to back`,
  budgetMs: 120_000,
  async run(ctx): Promise<ScenarioOutput> {
    const fanout = await fanoutFloor(ctx, N);
    const post = await httpFloor(ctx, { concurrency: 1, size: 100 });
    const postPaced = await httpFloor(ctx, {
      concurrency: 1,
      size: 100,
      gapMs: GAP_MS,
      timing: PACED,
    });
    const emu = await emulatorBroadcast(ctx);
    const lost = emu.expected - emu.deliveries;
    const deliveryFlags = [
      ...clientBound(emu.receiverCpuPct, fanout.clientCpuPct),
      ...busyBox(emu.foreignCpuPct, fanout.foreignCpuPct),
      ...(lost > 0 ? [`lost ${lost}`] : []),
      ...(emu.backToBack.errors ? [`${emu.backToBack.errors} REST errors`] : []),
    ];
    const rows: Row[] = [
      {
        scenario: 'P2 N=1000',
        metric: 'deliveries/s',
        unit: '/s',
        emulator: emu.deliveriesPerSec,
        floor: fanout.deliveriesPerSec,
        check: { kind: 'ratio>=', value: 0.6 },
        flags: deliveryFlags,
        cpu: {
          emulator: { server: emu.serverCpuPct, client: emu.receiverCpuPct },
          floor: { server: fanout.serverCpuPct, client: fanout.clientCpuPct },
        },
      },
      {
        scenario: 'P2 N=1000',
        metric: 'REST p50 back-to-back',
        unit: 'µs',
        emulator: emu.backToBack.latency.p50,
        floor: post.latency.p50,
        check: { kind: 'ratio<=', value: 2 },
        flags: busyBox(emu.foreignCpuPct, post.foreignCpuPct),
        cpu: {
          emulator: { server: emu.serverCpuPct, client: emu.backToBack.clientCpuPct },
          floor: { server: post.serverCpuPct, client: post.clientCpuPct },
        },
      },
      {
        scenario: 'P2 N=1000',
        metric: `REST p50 paced ${GAP_MS} ms`,
        unit: 'µs',
        emulator: emu.paced.latency.p50,
        floor: postPaced.latency.p50,
        check: { kind: 'ratio<=', value: 2 },
        ...(emu.paced.errors ? { flags: [`${emu.paced.errors} REST errors`] } : {}),
      },
      {
        scenario: 'P2 N=1000',
        metric: 'REST req/s back-to-back',
        unit: '/s',
        emulator: emu.backToBack.reqPerSec,
        floor: post.reqPerSec,
        check: { kind: 'info' },
      },
    ];
    return {
      rows,
      raw: { emulator: emu, floors: { fanout, post, postPaced } },
      notes: [
        'Back to back, each POST waits for the fan-out of the one before (one event loop); the paced row pauses 25 ms between POSTs so the server is idle when a POST arrives — the floor gets the same pauses.',
        'The caller runs in its own process; the 1000 receivers run in the runner.',
      ],
    };
  },
};
