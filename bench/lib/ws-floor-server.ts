// The body of a raw `ws` floor server process: loopback, no compression, every socket tracked and terminated on exit.
import type { IncomingMessage } from 'node:http';

import type { VerifyClientCallbackAsync, WebSocket } from 'ws';
import { WebSocketServer } from 'ws';

import type { CommandHandler } from './control';
import { serveControl } from './control';

/**
 * Listens on a free loopback port and announces it to the runner. `onConnection` sees each open
 * socket (errors are ignored); `handlers` adds control commands over the set of open sockets;
 * `verify`, when given, decides each upgrade before it completes.
 */
export function serveWsFloor(
  onConnection: (ws: WebSocket, req: IncomingMessage) => void,
  handlers: (all: ReadonlySet<WebSocket>) => Record<string, CommandHandler> = () => ({}),
  verify?: VerifyClientCallbackAsync<IncomingMessage>,
): void {
  const wss = new WebSocketServer({
    ...(verify ? { verifyClient: verify } : {}),
    host: '127.0.0.1',
    port: 0,
    perMessageDeflate: false,
    clientTracking: false,
    backlog: 4096,
    maxPayload: 64 * 1024 * 1024,
  });
  const all = new Set<WebSocket>();

  wss.on('connection', (ws, req) => {
    all.add(ws);
    ws.on('error', () => undefined);
    ws.on('close', () => all.delete(ws));
    onConnection(ws, req);
  });

  wss.on('listening', () => {
    const address = wss.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    serveControl(port, {}, handlers(all), () => {
      for (const ws of all) ws.terminate();
      return Promise.resolve();
    });
  });
}
