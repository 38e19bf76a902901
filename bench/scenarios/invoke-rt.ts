// INVOKE (next to P4): an invocation's round trip against a sendEvent with ack, 1 client, both through the
// emulator to a bare echo event handler: `invoke` → CloudEvents POST → reply → `invokeResponse`,
// against `event` (ackId) → POST → reply → server message → ack. Same work upstream; the
// invocation should cost no more than the event it replaces (target ≤ 1.1×).
import type { BenchContext } from '../lib/context';
import { childCpu, CpuGroup } from '../lib/cpu-group';
import type { PathMeasurement } from '../lib/path-round-trip';
import { measurePath } from '../lib/path-round-trip';
import { cpuNote, cpuPerOpRow, pathCpu, pathFlags } from '../lib/path-rows';
import { makeData } from '../lib/payload';
import type { RoundTripOptions } from '../lib/round-trip';
import { row } from '../lib/rows';
import type { Scenario, ScenarioOutput } from '../lib/scenario';
import { clientUrl, HUB, JSON_SUBPROTOCOL } from '../lib/tokens';
import type { OpenedClient } from '../lib/ws-clients';
import { closeClients, openClients } from '../lib/ws-clients';

const EVENT_BYTES = 100;
const TIMING = { warmMs: 1000, measureMs: 4000 };
const INVOKE_RESPONSE = Buffer.from('"type":"invokeResponse"');
const ACK = Buffer.from('"type":"ack"');

const invoke: RoundTripOptions = {
  frame: (_w, seq) =>
    `{"type":"invoke","invocationId":"${seq}","target":"event","event":"echo","dataType":"text","data":"${makeData(seq, 0, EVENT_BYTES)}"}`,
  accepts: (frame) => frame.includes(INVOKE_RESPONSE),
  timeoutMs: 5000,
};

/** The ack comes after the reply (a server message), so it ends the round trip. */
const eventWithAck: RoundTripOptions = {
  frame: (_w, seq) =>
    `{"type":"event","event":"echo","ackId":${seq},"dataType":"text","data":"${makeData(seq, 0, EVENT_BYTES)}"}`,
  accepts: (frame) => frame.includes(ACK),
  timeoutMs: 5000,
};

async function measure(ctx: BenchContext, path: RoundTripOptions): Promise<PathMeasurement> {
  const echo = await ctx.start('servers', 'ce-echo-server');
  const emulator = await ctx.start('servers', 'emulator-hub-server');
  let clients: OpenedClient[] = [];
  try {
    await emulator.call('hub', {
      name: HUB,
      settings: {
        eventHandlers: [
          { urlTemplate: `http://127.0.0.1:${echo.port}/upstream`, userEventPattern: '*' },
        ],
      },
    });
    const key = emulator.info.accessKey as string;
    clients = await openClients(1, () => clientUrl(emulator.port, key, { userId: 'inv-0' }), {
      protocol: JSON_SUBPROTOCOL,
      awaitConnected: true,
    });
    return await measurePath({
      cpu: new CpuGroup([childCpu('emulator', emulator), childCpu('upstream', echo)]),
      sockets: clients.map((x) => x.ws),
      ...TIMING,
      ...path,
    });
  } finally {
    closeClients(clients);
    await Promise.all([ctx.stop(emulator), ctx.stop(echo)]);
  }
}

export const invokeRt: Scenario = {
  id: 'INVOKE',
  title: 'Invoke round trip vs sendEvent with ack, through the emulator to an echo handler, c=1',
  budgetMs: 60_000,
  async run(ctx): Promise<ScenarioOutput> {
    const withAck = await measure(ctx, eventWithAck);
    const inv = await measure(ctx, invoke);
    const scenario = 'INVOKE vs event+ack c=1';
    return {
      rows: [
        {
          ...row(scenario, 'p50', 'µs', inv.latency.p50, withAck.latency.p50, {
            kind: 'ratio<=',
            value: 1.1,
          }),
          flags: pathFlags(inv, withAck),
          cpu: pathCpu(inv, withAck),
        },
        row(scenario, 'p99', 'µs', inv.latency.p99, withAck.latency.p99),
        row(scenario, 'RT/s', '/s', inv.opsPerSec, withAck.opsPerSec),
        cpuPerOpRow(scenario, inv, withAck),
      ],
      raw: { invoke: inv, eventWithAck: withAck },
      notes: [
        cpuNote('cpu by process', inv, withAck),
        'The "floor" column here is not a naive floor: it is sendEvent with an ackId through the same emulator and handler (reply message + ack), the operation an invocation replaces.',
      ],
    };
  },
};
