// Server process, the fan-out and idle floor: a raw `ws` server that relays each frame of a
// publisher (`?role=pub`) to every other client with ws.send(sameBuffer), and otherwise just holds
// connections.
import type { WebSocket } from 'ws';

import { serveWsFloor } from '../lib/ws-floor-server';

const receivers = new Set<WebSocket>();

serveWsFloor(
  (ws, req) => {
    ws.on('close', () => receivers.delete(ws));
    if (!(req.url ?? '').includes('role=pub')) {
      receivers.add(ws);
      return;
    }
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      for (const r of receivers) r.send(data, { binary: isBinary });
    });
  },
  (all) => ({ connections: () => all.size }),
);
