// APP (issue 4's benchmark): room messages through the real chat app — sender → emulator → host →
// `message` → history append (Azurite Table Storage, or in memory) → webPubSub output → 100
// members. Latency and messages/s next to composed raw floors; history on vs off (target ≤ 2×).
import type { OpCost, OpCosts } from '../lib/app-op-costs';
import { COST_MEMBERS, COST_OPS, measureOpCosts, TYPING_FRAMES } from '../lib/app-op-costs';
import type { RoomModeResult } from '../lib/app-room-run';
import { MEMBERS, roomMode, THROUGHPUT_WINDOW } from '../lib/app-room-run';
import { startAzurite } from '../lib/azurite';
import { describeCpu } from '../lib/cpu-group';
import type { RoomFloor } from '../lib/room-floors';
import { roomFloor } from '../lib/room-floors';
import type { Row } from '../lib/rows';
import { busyBox, clientBound, row } from '../lib/rows';
import type { Scenario, ScenarioOutput } from '../lib/scenario';

function flagsOf(m: RoomModeResult['latency']): string[] {
  return [
    ...clientBound(m.clientCpuPct),
    ...busyBox(m.foreignCpuPct),
    ...(m.errors ? [`${m.errors} error replies`] : []),
    ...(m.timedOut ? ['timed out'] : []),
    ...(m.deliveries < m.expected ? [`lost ${m.expected - m.deliveries}`] : []),
  ];
}

function modeRows(r: RoomModeResult, floor: RoomFloor): Row[] {
  const s = `APP room N=${MEMBERS} history ${r.mode === 'table' ? 'on' : 'off'}`;
  const { latency: l, throughput: t } = r;
  const cpu = (m: typeof l) => ({ emulator: { server: m.serverCpuPct, client: m.clientCpuPct } });
  return [
    {
      ...row(s, 'completion p50', 'µs', l.completion.p50, floor.p50),
      flags: flagsOf(l),
      cpu: cpu(l),
    },
    row(s, 'completion p99', 'µs', l.completion.p99, floor.p99),
    row(s, 'recipient p50', 'µs', l.recipient.p50, undefined),
    {
      ...row(
        s,
        `msgs/s (window ${THROUGHPUT_WINDOW})`,
        '/s',
        t.messagesPerSec,
        floor.messagesPerSec,
      ),
      flags: flagsOf(t),
      cpu: cpu(t),
    },
    row(s, 'deliveries/s', '/s', t.deliveriesPerSec, floor.relayDeliveriesPerSec),
    row(s, 'server CPU/msg', 'µs', t.serverUsPerMessage, undefined),
  ];
}

function historyRows(on: RoomModeResult, off: RoomModeResult): Row[] {
  const s = 'APP history on vs off';
  return [
    row(s, 'completion p50', 'µs', on.latency.completion.p50, off.latency.completion.p50, {
      kind: 'ratio<=',
      value: 2,
    }),
    row(s, 'completion p99', 'µs', on.latency.completion.p99, off.latency.completion.p99),
    row(s, 'msgs/s', '/s', on.throughput.messagesPerSec, off.throughput.messagesPerSec, {
      kind: 'ratio>=',
      value: 0.5,
    }),
  ];
}

/** An edit or a reaction costs no more than a message; typing costs no invocation, no storage. */
function costRows(c: OpCosts): Row[] {
  const s = `APP op cost (Table history, ${COST_OPS} each, ${COST_MEMBERS} members)`;
  const per = (o: OpCost, n: number) => n / o.ops;
  const atMostMessage = { kind: 'ratio<=', value: 1 } as const;
  const flags = (o: OpCost) => (o.errors ? [`${o.errors} error replies`] : []);
  const rows: Row[] = [];
  for (const [name, op] of [
    ['edit', c.edit],
    ['reaction', c.reaction],
  ] as const) {
    rows.push(
      {
        ...row(
          s,
          `${name} invocations/op`,
          'count',
          per(op, op.invocations),
          per(c.message, c.message.invocations),
          atMostMessage,
        ),
        flags: flags(op),
      },
      row(
        s,
        `${name} storage requests/op`,
        'count',
        per(op, op.storageRequests),
        per(c.message, c.message.storageRequests),
        atMostMessage,
      ),
      row(
        s,
        `${name} storage writes/op`,
        'count',
        per(op, op.storageWrites),
        per(c.message, c.message.storageWrites),
        atMostMessage,
      ),
      row(s, `${name} ack p50`, 'µs', op.ackP50Us, c.message.ackP50Us),
    );
  }
  const t = `APP typing (${TYPING_FRAMES} frames to ${COST_MEMBERS - 1} members)`;
  rows.push(
    row(t, 'Function invocations', 'count', c.typing.invocations, undefined, {
      kind: '<',
      value: 1,
    }),
    row(t, 'storage requests', 'count', c.typing.storageRequests, undefined, {
      kind: '<',
      value: 1,
    }),
    row(t, 'frames delivered', 'count', c.typing.delivered, undefined, {
      kind: '>=',
      value: c.typing.frames * (COST_MEMBERS - 1),
    }),
  );
  return rows;
}

export const appRoom: Scenario = {
  id: 'APP',
  title: `Room messages through the chat app to ${MEMBERS} members, history in Table Storage vs in memory`,
  budgetMs: 300_000,
  async run(ctx): Promise<ScenarioOutput> {
    if (process.env.BENCH_APP_COSTS_ONLY === '1') return costsOnly(ctx);
    const floor = await roomFloor(ctx, MEMBERS);
    const azurite = await startAzurite();
    let on: RoomModeResult;
    let off: RoomModeResult;
    let costs: OpCosts;
    try {
      on = await roomMode(ctx, azurite, 'table');
      off = await roomMode(ctx, azurite, 'memory');
      costs = await measureOpCosts(ctx, azurite);
    } finally {
      await azurite.close();
    }
    return {
      rows: [
        ...modeRows(on, floor),
        ...modeRows(off, floor),
        ...historyRows(on, off),
        ...costRows(costs),
      ],
      raw: { history: { on, off }, floor, costs },
      notes: [
        'Floors are composed: latency = naive upstream c=1 (P4 floor) + raw relay to 100 with one message in flight; msgs/s = 1/(1/upstream c=50 RT/s + 100/relay deliveries/s), both stages sharing the box. Report only: the app does far more (JSON validation, a Table transaction and a REST call per message).',
        'History off = CHAT_HISTORY_STORE=memory (the in-memory store), everything else identical (presence stays in Azurite).',
        `cpu history on: latency ${describeCpu(on.latency.servers)}; window ${describeCpu(on.throughput.servers)}, runner ${on.throughput.clientCpuPct}%`,
        'Op cost: counted through two HTTP proxies that count what they forward, one before the host’s Web PubSub webhook (Function invocations), one before Azurite’s table endpoint (storage requests; writes = not GET). Messages, then edits of each, then reactions to each, one in flight, members taking turns. The edited messages are recent: this instance wrote them, so their rows are cached (an edit of a message it has not seen reads its row first: one request more). Typing: frames sent to the room’s typing group (noEcho) with the grant `join` gave; the service carries them alone.',
        `cpu history off: latency ${describeCpu(off.latency.servers)}; window ${describeCpu(off.throughput.servers)}, runner ${off.throughput.clientCpuPct}%`,
      ],
    };
  },
};

/** `BENCH_APP_COSTS_ONLY=1`: the op-cost rows alone (a minute instead of five). */
async function costsOnly(ctx: Parameters<Scenario['run']>[0]): Promise<ScenarioOutput> {
  const azurite = await startAzurite();
  try {
    const costs = await measureOpCosts(ctx, azurite);
    return { rows: costRows(costs), raw: { costs }, notes: [] };
  } finally {
    await azurite.close();
  }
}
