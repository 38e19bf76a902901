// Floors for the chat app's room path, composed from raw paths measured in the same run: the
// naive upstream round trip (P4/P5 floor) plus a raw ws relay to the room's N members.
import type { BenchContext } from './context';
import type { FanoutResult } from './fanout-driver';
import { FanoutDriver } from './fanout-driver';
import { fanoutFloor } from './fanout-run';
import type { PathMeasurement } from './path-round-trip';
import { makeData } from './payload';
import { upstreamFloor } from './upstream-paths';
import { closeClients, openClient, openClients } from './ws-clients';

/** Raw relay to `n` receivers with one message in flight: unloaded fan-out latency. */
export function relayLatencyFloor(ctx: BenchContext, n: number): Promise<FanoutResult> {
  return ctx.floor(`relay-w1:${n}`, async () => {
    const server = await ctx.start('servers', 'relay-server');
    const url = `ws://127.0.0.1:${server.port}/`;
    const receivers = await openClients(n, () => url);
    const publisher = await openClient(`${url}?role=pub`);
    try {
      const driver = new FanoutDriver({
        publisher: publisher.ws,
        receivers: receivers.map((r) => r.ws),
        window: 1,
        frame: (seq, ts) =>
          `{"type":"message","from":"group","group":"room.r","dataType":"text","data":"${makeData(seq, ts, 100)}"}`,
        needAck: false,
        timeoutMs: 30_000,
      });
      await driver.run(50, false);
      return await driver.run(500, true);
    } finally {
      closeClients([...receivers, publisher]);
      await ctx.stop(server);
    }
  });
}

export interface RoomFloor {
  /** Upstream c=1 p50 + relay completion p50 (and the same for p99), µs. */
  p50: number;
  p99: number;
  /** Messages/s of a pipeline whose stages share the box: 1 / (1/upstream + N/relay deliveries). */
  messagesPerSec: number;
  parts: { upstream1: PathMeasurement; upstream50: PathMeasurement; relayLatency: FanoutResult };
  relayDeliveriesPerSec: number;
}

export async function roomFloor(ctx: BenchContext, n: number): Promise<RoomFloor> {
  const upstream1 = await upstreamFloor(ctx, 1);
  const upstream50 = await upstreamFloor(ctx, 50);
  const relayLatency = await relayLatencyFloor(ctx, n);
  const relay = await fanoutFloor(ctx, n);
  return {
    p50: upstream1.latency.p50 + relayLatency.completion.p50,
    p99: upstream1.latency.p99 + relayLatency.completion.p99,
    messagesPerSec: 1 / (1 / upstream50.opsPerSec + n / relay.deliveriesPerSec),
    parts: { upstream1, upstream50, relayLatency },
    relayDeliveriesPerSec: relay.deliveriesPerSec,
  };
}
