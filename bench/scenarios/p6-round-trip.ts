// P6: subprotocol self round trip — each client sends sendToGroup (100 B text, no ackId) to a
// group only it is in and waits for the message; c=1 and c=100. Floor: raw ws echo.
import type { BenchContext } from '../lib/context';
import { echoFloor, SHORT } from '../lib/floors';
import { dataOffset, makeData } from '../lib/payload';
import type { RoundTripMeasurement } from '../lib/round-trip-run';
import { measureRoundTrips } from '../lib/round-trip-run';
import type { Row } from '../lib/rows';
import { cpuOf, INFO, loadFlags, row } from '../lib/rows';
import type { Scenario, ScenarioOutput } from '../lib/scenario';
import { clientUrl, JSON_SUBPROTOCOL, SEND_TO_GROUP_ROLE } from '../lib/tokens';
import type { OpenedClient } from '../lib/ws-clients';
import { closeClients, openClients } from '../lib/ws-clients';

const DATA_BYTES = 100;
const MAX_C = 100;

async function emulatorRoundTrips(
  ctx: BenchContext,
): Promise<{ c1: RoundTripMeasurement; c100: RoundTripMeasurement }> {
  const server = await ctx.start('servers', 'emulator-server');
  const key = server.info.accessKey as string;
  let clients: OpenedClient[] = [];
  try {
    clients = await openClients(
      MAX_C,
      (i) => clientUrl(server.port, key, { groups: [`rt-${i}`], roles: [SEND_TO_GROUP_ROLE] }),
      { protocol: JSON_SUBPROTOCOL, awaitConnected: true },
    );
    const measure = (n: number) =>
      measureRoundTrips({
        server,
        sockets: clients.slice(0, n).map((c) => c.ws),
        ...SHORT,
        frame: (w, seq) =>
          `{"type":"sendToGroup","group":"rt-${w}","dataType":"text","data":"${makeData(seq, 0, DATA_BYTES)}"}`,
        // Only the group message answers (no ackId is asked for, so none comes).
        accepts: (frame) => dataOffset(frame) >= 0,
        timeoutMs: 5000,
      });
    const c1 = await measure(1);
    const c100 = await measure(MAX_C);
    return { c1, c100 };
  } finally {
    await ctx.stop(server);
    closeClients(clients);
  }
}

function rowsFor(c: number, emu: RoundTripMeasurement, floor: RoundTripMeasurement): Row[] {
  const scenario = `P6 c=${c}`;
  const single = c === 1;
  const flags = [...loadFlags(emu, floor), ...(emu.errors ? [`${emu.errors} timeouts`] : [])];
  const cpu = cpuOf(emu, floor);
  const { p50: e50, p99: e99 } = emu.latency;
  const { p50: f50, p99: f99 } = floor.latency;
  const p50: Row = {
    ...row(scenario, 'p50', 'µs', e50, f50, single ? { kind: 'ratio<=', value: 1.5 } : INFO),
    flags,
    cpu,
  };
  const p99 = row(scenario, 'p99', 'µs', e99, f99, single ? { kind: 'ratio<=', value: 2 } : INFO);
  const rate = row(
    scenario,
    'RT/s',
    '/s',
    emu.opsPerSec,
    floor.opsPerSec,
    single ? INFO : { kind: 'ratio>=', value: 0.6 },
  );
  return single ? [p50, p99, rate] : [{ ...rate, flags, cpu }, { ...p50, flags: [] }, p99];
}

export const p6: Scenario = {
  id: 'P6',
  title: 'Subprotocol self round trip (sendToGroup to own group, 100 B), c=1 / c=100',
  budgetMs: 90_000,
  async run(ctx): Promise<ScenarioOutput> {
    const floors = {
      c1: await echoFloor(ctx, 1, DATA_BYTES),
      c100: await echoFloor(ctx, MAX_C, DATA_BYTES),
    };
    const emu = await emulatorRoundTrips(ctx);
    return {
      rows: [...rowsFor(1, emu.c1, floors.c1), ...rowsFor(MAX_C, emu.c100, floors.c100)],
      raw: { emulator: emu, floors },
      notes: [
        'No ackId: one frame each way, as in the echo floor (an ackId would add an ack frame per message).',
      ],
    };
  },
};
