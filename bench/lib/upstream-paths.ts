// The upstream user-event round trip (P4, P5): through the emulator and the offline host running
// the bench app's `echo` function, and its floor, the naive ws → CloudEvents POST → ws gateway.
import type { BenchStack } from './bench-stack';
import { startStack, stopStack } from './bench-stack';
import type { BenchContext } from './context';
import { childCpu, CpuGroup } from './cpu-group';
import { BENCH_APP } from './host-child';
import type { PathMeasurement } from './path-round-trip';
import { measurePath } from './path-round-trip';
import { dataOffset, makeData } from './payload';
import { clientUrl, JSON_SUBPROTOCOL } from './tokens';
import type { OpenedClient } from './ws-clients';
import { closeClients, openClients } from './ws-clients';

export const EVENT_BYTES = 100;
const TIMING = { warmMs: 1000, measureMs: 4000 };

/** The frame both paths get: a json.webpubsub `event` frame carrying 100 B of text. */
const echoFrame = (_w: number, seq: number) =>
  `{"type":"event","event":"echo","dataType":"text","data":"${makeData(seq, 0, EVENT_BYTES)}"}`;

/** Floor: `c` plain ws clients → gateway → node:http echo, measured once per run. */
export function upstreamFloor(ctx: BenchContext, c: number): Promise<PathMeasurement> {
  return ctx.floor(`upstream:${c}`, async () => {
    const echo = await ctx.start('servers', 'http-echo-server');
    const gateway = await ctx.start('servers', 'ce-gateway-server');
    await gateway.call('upstream', { origin: `http://127.0.0.1:${echo.port}` });
    const clients = await openClients(c, () => `ws://127.0.0.1:${gateway.port}/`);
    try {
      return await measurePath({
        cpu: new CpuGroup([childCpu('gateway', gateway), childCpu('upstream', echo)]),
        sockets: clients.map((x) => x.ws),
        ...TIMING,
        frame: echoFrame,
        accepts: (frame) => dataOffset(frame) >= 0,
        timeoutMs: 5000,
      });
    } finally {
      closeClients(clients);
      await Promise.all([ctx.stop(gateway), ctx.stop(echo)]);
    }
  });
}

/** The emulator + host path, with `c` subprotocol clients sending `echo` events. */
export async function hostUpstream(ctx: BenchContext, c: number): Promise<PathMeasurement> {
  const stack: BenchStack = await startStack(ctx, { app: BENCH_APP, systemEvents: [] });
  let clients: OpenedClient[] = [];
  try {
    const port = stack.emulator.port;
    clients = await openClients(c, (i) => clientUrl(port, stack.key, { userId: `rt-${i}` }), {
      protocol: JSON_SUBPROTOCOL,
      awaitConnected: true,
    });
    return await measurePath({
      cpu: stack.cpu,
      sockets: clients.map((x) => x.ws),
      ...TIMING,
      frame: echoFrame,
      accepts: (frame) => dataOffset(frame) >= 0,
      timeoutMs: 5000,
    });
  } finally {
    closeClients(clients);
    await stopStack(ctx, stack);
  }
}
