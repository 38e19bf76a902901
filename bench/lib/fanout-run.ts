// One fan-out measurement against a server process (the emulator or the raw relay floor): open N
// receivers and a publisher, warm up, measure a window-32 run, read server CPU, tear down.
import type { Child } from './child';
import type { BenchContext } from './context';
import type { FanoutResult } from './fanout-driver';
import { FanoutDriver } from './fanout-driver';
import { foreignCpu, MachineCpu } from './machine-cpu';
import { makeData } from './payload';
import { sleep } from './stats';
import { clientUrl, JSON_SUBPROTOCOL, SEND_TO_GROUP_ROLE } from './tokens';
import { closeClients, openClient, openClients } from './ws-clients';

export const FANOUT_WINDOW = 32;
export const DATA_BYTES = 100;
const GROUP = 'g';
const PUBLISHER_ID = 'pub';

/** Warm-up and measured message counts: ~300k deliveries measured whatever N. */
export function fanoutPlan(n: number): { warm: number; count: number } {
  return { warm: Math.max(30, Math.round(30_000 / n)), count: Math.round(300_000 / n) };
}

export interface FanoutMeasurement extends FanoutResult {
  n: number;
  serverCpuPct: number;
  /** Server CPU per delivery, µs: the emulator's cost, even when the clients limit the rate. */
  serverUsPerDelivery: number;
  serverRssMb: number;
  connectMs: number;
  /** CPU% of processes other than the server and the runner during the window. */
  foreignCpuPct: number;
}

interface FanoutSpec {
  server: Child;
  n: number;
  publisherUrl: string;
  receiverUrl: (i: number) => string;
  emulator: boolean;
  frame: (seq: number, tsUs: number) => string;
}

async function measureFanout(ctx: BenchContext, s: FanoutSpec): Promise<FanoutMeasurement> {
  const open = {
    batch: 50,
    awaitConnected: s.emulator,
    ...(s.emulator ? { protocol: JSON_SUBPROTOCOL } : {}),
  };
  const t0 = Date.now();
  const receivers = await openClients(s.n, s.receiverUrl, open);
  const publisher = await openClient(s.publisherUrl, open);
  const connectMs = Date.now() - t0;
  try {
    const driver = new FanoutDriver({
      publisher: publisher.ws,
      receivers: receivers.map((r) => r.ws),
      window: FANOUT_WINDOW,
      frame: s.frame,
      needAck: s.emulator,
      timeoutMs: 30_000,
    });
    const plan = fanoutPlan(s.n);
    await driver.run(plan.warm, false);
    await sleep(200);
    await s.server.cpuReset();
    const machine = new MachineCpu();
    const r = await driver.run(plan.count, true);
    const busy = machine.read();
    const st = await s.server.stats();
    return {
      ...r,
      n: s.n,
      serverCpuPct: st.cpuPct,
      serverUsPerDelivery: (st.cpuPct / 100) * ((r.seconds * 1e6) / Math.max(1, r.deliveries)),
      serverRssMb: st.rss / 2 ** 20,
      connectMs,
      foreignCpuPct: foreignCpu(busy, st.cpuPct, r.clientCpuPct),
    };
  } finally {
    await ctx.stop(s.server);
    closeClients([...receivers, publisher]);
  }
}

/** Floor: the raw relay broadcasting the envelope the emulator's receivers would get. */
export function fanoutFloor(ctx: BenchContext, n: number): Promise<FanoutMeasurement> {
  return ctx.floor(`fanout:${n}`, async () => {
    const server = await ctx.start('servers', 'relay-server');
    const url = `ws://127.0.0.1:${server.port}/`;
    return measureFanout(ctx, {
      server,
      n,
      publisherUrl: `${url}?role=pub`,
      receiverUrl: () => url,
      emulator: false,
      frame: (seq, ts) =>
        `{"type":"message","from":"group","group":"${GROUP}","fromUserId":"${PUBLISHER_ID}",` +
        `"dataType":"text","data":"${makeData(seq, ts, DATA_BYTES)}"}`,
    });
  });
}

/** The emulator: N group members; a member publishes sendToGroup (noEcho, ackId). */
export async function emulatorFanout(ctx: BenchContext, n: number): Promise<FanoutMeasurement> {
  const server = await ctx.start('servers', 'emulator-server');
  const key = server.info.accessKey as string;
  const receiverUrl = clientUrl(server.port, key, { groups: [GROUP] });
  const publisherUrl = clientUrl(server.port, key, {
    userId: PUBLISHER_ID,
    groups: [GROUP],
    roles: [SEND_TO_GROUP_ROLE],
  });
  return measureFanout(ctx, {
    server,
    n,
    publisherUrl,
    receiverUrl: () => receiverUrl,
    emulator: true,
    frame: (seq, ts) =>
      `{"type":"sendToGroup","group":"${GROUP}","ackId":${seq},"noEcho":true,` +
      `"dataType":"text","data":"${makeData(seq, ts, DATA_BYTES)}"}`,
  });
}
