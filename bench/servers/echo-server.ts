// Server process, the round-trip floor: a raw `ws` echo server.
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
const all = new Set<WebSocket>();

wss.on('connection', (ws) => {
  all.add(ws);
  ws.on('error', () => undefined);
  ws.on('close', () => all.delete(ws));
  ws.on('message', (data: Buffer, isBinary: boolean) => ws.send(data, { binary: isBinary }));
});

wss.on('listening', () => {
  const address = wss.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  serveControl(port, {}, {}, () => {
    for (const ws of all) ws.terminate();
    return Promise.resolve();
  });
});
