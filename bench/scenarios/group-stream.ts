// STREAM: group-stream fragment throughput against plain sendToGroup. 8 writers, each in its own
// group of 10 (itself and 9 readers), 1 KiB text, closed loop: a writer's next fragment goes when
// its own copy comes back. The stream path adds the stream info to every member's frame and a
// streamAck to the writer; target ≥ 0.7× the plain messages/s.
import type { BenchContext } from '../lib/context';
import { childCpu, CpuGroup } from '../lib/cpu-group';
import type { PathMeasurement } from '../lib/path-round-trip';
import { measurePath } from '../lib/path-round-trip';
import { cpuNote, pathCpu, pathFlags } from '../lib/path-rows';
import { makeData } from '../lib/payload';
import type { RoundTripOptions } from '../lib/round-trip';
import { row } from '../lib/rows';
import type { Scenario, ScenarioOutput } from '../lib/scenario';
import { clientUrl, JSON_SUBPROTOCOL, SEND_TO_GROUP_ROLE } from '../lib/tokens';
import type { OpenedClient } from '../lib/ws-clients';
import { closeClients, openClients } from '../lib/ws-clients';

const WRITERS = 8;
const READERS_PER_GROUP = 9;
const BYTES = 1024;
const TIMING = { warmMs: 1000, measureMs: 4000 };
const GROUP_MESSAGE = Buffer.from('"from":"group"');
const group = (w: number) => `stream-${w}`;

/** Plain: `sendToGroup` with the data. */
const plain: RoundTripOptions = {
  frame: (w, seq) =>
    `{"type":"sendToGroup","group":"${group(w)}","dataType":"text","data":"${makeData(seq, 0, BYTES)}"}`,
  accepts: (frame) => frame.includes(GROUP_MESSAGE),
  timeoutMs: 5000,
};

/** Stream: one stream per writer, opened before measuring; fragment n has streamSequenceId n. */
function streamed(next: number[]): RoundTripOptions {
  return {
    frame: (w, seq) =>
      `{"type":"streamData","streamId":"s${w}","streamSequenceId":${next[w]!++},"dataType":"text","data":"${makeData(seq, 0, BYTES)}"}`,
    accepts: (frame) => frame.includes(GROUP_MESSAGE),
    timeoutMs: 5000,
  };
}

async function measure(ctx: BenchContext, stream: boolean): Promise<PathMeasurement> {
  const emulator = await ctx.start('servers', 'emulator-hub-server');
  const key = emulator.info.accessKey as string;
  const open = (n: number, w: (i: number) => number, roles: string[]) =>
    openClients(
      n,
      (i) => clientUrl(emulator.port, key, { userId: `s-${i}`, roles, groups: [group(w(i))] }),
      { protocol: JSON_SUBPROTOCOL, awaitConnected: true },
    );
  let writers: OpenedClient[] = [];
  let readers: OpenedClient[] = [];
  try {
    writers = await open(WRITERS, (i) => i, [SEND_TO_GROUP_ROLE]);
    readers = await open(WRITERS * READERS_PER_GROUP, (i) => i % WRITERS, []);
    const next = writers.map(() => 1);
    if (stream) {
      await Promise.all(
        writers.map(
          (c, w) =>
            new Promise<void>((resolve) => {
              c.ws.once('message', () => resolve());
              c.ws.send(
                `{"type":"sendToGroup","group":"${group(w)}","stream":{"streamId":"s${w}","idleTimeoutMs":60000}}`,
              );
            }),
        ),
      );
    }
    return await measurePath({
      cpu: new CpuGroup([childCpu('emulator', emulator)]),
      sockets: writers.map((x) => x.ws),
      ...TIMING,
      ...(stream ? streamed(next) : plain),
    });
  } finally {
    closeClients([...writers, ...readers]);
    await ctx.stop(emulator);
  }
}

export const groupStream: Scenario = {
  id: 'STREAM',
  title: 'Group-stream fragments vs plain sendToGroup, 8 writers × groups of 10, 1 KiB',
  budgetMs: 60_000,
  async run(ctx): Promise<ScenarioOutput> {
    const base = await measure(ctx, false);
    const frag = await measure(ctx, true);
    const scenario = 'STREAM fragments vs sendToGroup';
    return {
      rows: [
        {
          ...row(scenario, 'msgs/s', '/s', frag.opsPerSec, base.opsPerSec, {
            kind: 'ratio>=',
            value: 0.7,
          }),
          flags: pathFlags(frag, base),
          cpu: pathCpu(frag, base),
        },
        row(scenario, 'p50', 'µs', frag.latency.p50, base.latency.p50),
        row(scenario, 'p99', 'µs', frag.latency.p99, base.latency.p99),
      ],
      raw: { stream: frag, sendToGroup: base },
      notes: [
        cpuNote('cpu by process', frag, base),
        'The "floor" column is plain sendToGroup through the same emulator and groups; each writer gets its own copy back (it is a member), which closes the loop. Deliveries/s = msgs/s × 10.',
      ],
    };
  },
};
