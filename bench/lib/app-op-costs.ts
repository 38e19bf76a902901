// What one chat operation costs the backend, counted rather than timed: Function invocations (the
// hub's webhook calls, through a counting proxy) and Table Storage requests (Azurite's table
// endpoint, through another), per message, edit and reaction, one in flight from members taking
// turns (each well within its rate limit); and typing frames, which must cost neither. Ack
// latency is reported next to a message's.
import type WebSocket from 'ws';

import { eventReply, openMembers, startAppStack } from './app-stack';
import type { RunningAzurite } from './azurite';
import { stopStack } from './bench-stack';
import type { BenchContext } from './context';
import { countingProxy, totalOf, writesOf } from './counting-proxy';
import { nowUs, Samples } from './stats';
import { closeClients, type OpenedClient } from './ws-clients';

export const COST_MEMBERS = 10;
export const COST_OPS = 100;
export const TYPING_FRAMES = 200;

export interface OpCost {
  ops: number;
  invocations: number;
  storageRequests: number;
  storageWrites: number;
  ackP50Us: number;
  errors: number;
}

export interface OpCosts {
  message: OpCost;
  edit: OpCost;
  reaction: OpCost;
  typing: { frames: number; delivered: number; invocations: number; storageRequests: number };
}

const event = (name: string, data: unknown) =>
  JSON.stringify({ type: 'event', event: name, dataType: 'json', data });

export async function measureOpCosts(ctx: BenchContext, azurite: RunningAzurite): Promise<OpCosts> {
  const tableOrigin = new URL(azurite.tableUrl).origin;
  const storage = await countingProxy(() => tableOrigin);
  let hostOrigin = '';
  const webhook = await countingProxy(() => hostOrigin);
  const storageVia = azurite.connectionString.replace(tableOrigin, storage.origin);
  const stack = await startAppStack(ctx, azurite, 'table', {
    storage: storageVia,
    webhook: (url) => {
      hostOrigin = new URL(url).origin;
      return url.replace(hostOrigin, webhook.origin);
    },
  });
  const room = 'bench-costs';
  let members: OpenedClient[] = [];
  try {
    members = await openMembers(stack, COST_MEMBERS, 'cost', () => [room]);
    const ws = members.map((m) => m.ws);
    const seqs: number[] = [];
    const phase = async (
      ops: number,
      frame: (i: number) => { sender: WebSocket; id: string; text: string },
    ): Promise<OpCost> => {
      storage.reset();
      webhook.reset();
      const acks = new Samples(ops);
      let errors = 0;
      for (let i = 0; i < ops; i += 1) {
        const { sender, id, text } = frame(i);
        const t0 = nowUs();
        const reply = await eventReply(
          sender,
          text,
          (t) => t.includes(`"id":"${id}"`) && (t.includes('"ack"') || t.includes('"error"')),
        );
        acks.push(nowUs() - t0);
        if (reply.includes('"type":"error"')) errors += 1;
        const seq = /"seq":(\d+)/.exec(reply)?.[1];
        if (seq && id.startsWith('m')) seqs[i] = Number(seq);
      }
      const counts = storage.counts();
      return {
        ops,
        invocations: totalOf(webhook.counts()),
        storageRequests: totalOf(counts),
        storageWrites: writesOf(counts),
        ackP50Us: acks.summary().p50,
        errors,
      };
    };
    const sender = (i: number) => ws[i % ws.length] as WebSocket;
    const message = await phase(COST_OPS, (i) => ({
      sender: sender(i),
      id: `m${i}`,
      text: event('message', { id: `m${i}`, to: { room }, text: `message ${i}` }),
    }));
    // Each member edits its own message; the next member reacts to it.
    const edit = await phase(COST_OPS, (i) => ({
      sender: sender(i),
      id: `e${i}`,
      text: event('edit', { id: `e${i}`, room, target: seqs[i], text: `edited ${i}` }),
    }));
    const reaction = await phase(COST_OPS, (i) => ({
      sender: sender(i + 1),
      id: `r${i}`,
      text: event('react', { id: `r${i}`, room, target: seqs[i], reaction: 'like', on: true }),
    }));
    const typing = await typingFrames(ws, `typing.${room}`, storage, webhook);
    return { message, edit, reaction, typing };
  } finally {
    closeClients(members);
    await stopStack(ctx, stack);
    await Promise.all([storage.close(), webhook.close()]);
  }
}

/** One member types (a frame per send, noEcho); the others receive through the service alone. */
async function typingFrames(
  ws: WebSocket[],
  group: string,
  storage: { reset(): void; counts(): Record<string, number> },
  webhook: { reset(): void; counts(): Record<string, number> },
): Promise<OpCosts['typing']> {
  const [typist, ...others] = ws as [WebSocket, ...WebSocket[]];
  const expected = TYPING_FRAMES * others.length;
  let delivered = 0;
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`typing: ${delivered}/${expected}`)), 30_000);
    for (const w of others) {
      w.on('message', (data: Buffer) => {
        if (!data.includes(`"group":"${group}"`)) return;
        delivered += 1;
        if (delivered === expected) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
  });
  storage.reset();
  webhook.reset();
  const frame = JSON.stringify({
    type: 'sendToGroup',
    group,
    dataType: 'json',
    data: { type: 'typing' },
    noEcho: true,
  });
  for (let i = 0; i < TYPING_FRAMES; i += 1) typist.send(frame);
  await done;
  return {
    frames: TYPING_FRAMES,
    delivered,
    invocations: totalOf(webhook.counts()),
    storageRequests: totalOf(storage.counts()),
  };
}
