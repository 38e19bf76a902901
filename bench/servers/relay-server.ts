// Server process, the fan-out and idle floor: a raw `ws` server that relays each frame of a
// publisher (`?role=pub`) to every other client with ws.send(sameBuffer), and otherwise just holds
// connections.
import type { WebSocket } from 'ws';
import { WebSocketServer } from 'ws';

import { serveControl } from '../lib/control';

const wss = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  perMessageDeflate: false,
  clientTracking: false,
  backlog: 4096,
  maxPayload: 64 * 1024 * 1024,
});
const receivers = new Set<WebSocket>();
const all = new Set<WebSocket>();

wss.on('connection', (ws, req) => {
  all.add(ws);
  ws.on('error', () => undefined);
  ws.on('close', () => {
    all.delete(ws);
    receivers.delete(ws);
  });
  if (!(req.url ?? '').includes('role=pub')) {
    receivers.add(ws);
    return;
  }
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    for (const r of receivers) r.send(data, { binary: isBinary });
  });
});

wss.on('listening', () => {
  const address = wss.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  serveControl(port, {}, { connections: () => all.size }, () => {
    for (const ws of all) ws.terminate();
    return Promise.resolve();
  });
});
