// The chat app (this repository's functions/) behind the emulator, with a real Azurite: guest
// members connect through the app's `connect` function and enter rooms with its `join` event.
import type WebSocket from 'ws';

import type { RunningAzurite } from './azurite';
import type { BenchStack } from './bench-stack';
import { startStack } from './bench-stack';
import type { BenchContext } from './context';
import { pidCpu } from './cpu-group';
import { REPO_ROOT } from './host-child';
import { clientUrl, JSON_SUBPROTOCOL } from './tokens';
import type { OpenedClient } from './ws-clients';
import { closeClients, openClients } from './ws-clients';

export type HistoryMode = 'table' | 'memory';

export function startAppStack(
  ctx: BenchContext,
  azurite: RunningAzurite,
  history: HistoryMode,
  via: { storage?: string; webhook?: (url: string) => string } = {},
): Promise<BenchStack> {
  return startStack(ctx, {
    app: REPO_ROOT,
    settings: {
      AzureWebJobsStorage: via.storage ?? azurite.connectionString,
      CHAT_ALLOW_GUESTS: 'true',
      CHAT_HISTORY_STORE: history,
    },
    systemEvents: ['connect', 'connected', 'disconnected'],
    extraCpu: [pidCpu('azurite', azurite.pid)],
    ...(via.webhook ? { webhookVia: via.webhook } : {}),
  });
}

/** Sends a user event and waits for the server message that `answers` it. */
export function eventReply(
  ws: WebSocket,
  frame: string,
  answers: (text: string) => boolean,
  timeoutMs = 15_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.off('message', onMessage);
      reject(new Error(`no reply to ${frame.slice(0, 80)} in ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (data: Buffer) => {
      const text = data.toString('utf8');
      if (!answers(text)) return;
      clearTimeout(timer);
      ws.off('message', onMessage);
      resolve(text);
    };
    ws.on('message', onMessage);
    ws.send(frame);
  });
}

export function joinRoom(ws: WebSocket, room: string): Promise<string> {
  const frame = `{"type":"event","event":"join","dataType":"json","data":{"room":"${room}"}}`;
  return eventReply(
    ws,
    frame,
    (t) =>
      (t.includes('"type":"joined"') && t.includes(`"room":"${room}"`)) ||
      t.includes('"type":"error"'),
  ).then((reply) => {
    if (reply.includes('"type":"error"')) throw new Error(`join ${room}: ${reply}`);
    return reply;
  });
}

/** `n` guest members (`guest-<prefix>-<i>`), each in the rooms `rooms(i)`, 50 at a time. */
export async function openMembers(
  stack: BenchStack,
  n: number,
  prefix: string,
  rooms: (i: number) => string[],
): Promise<OpenedClient[]> {
  const port = stack.emulator.port;
  const clients = await openClients(
    n,
    (i) => clientUrl(port, stack.key, { userId: `guest-${prefix}-${i}` }),
    { protocol: JSON_SUBPROTOCOL, awaitConnected: true, timeoutMs: 20_000 },
  );
  try {
    for (let i = 0; i < n; i += 50) {
      await Promise.all(
        clients.slice(i, i + 50).map(async (c, j) => {
          for (const room of rooms(i + j)) await joinRoom(c.ws, room);
        }),
      );
    }
  } catch (err) {
    closeClients(clients);
    throw err;
  }
  return clients;
}
