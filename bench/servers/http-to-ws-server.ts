// Server process, the floor of "REST send → WebSocket delivery": node:http takes a POST, answers
// 202, then ws.send()s the body to every WebSocket client on the same port.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { WebSocket } from 'ws';
import { WebSocketServer } from 'ws';

import { serveControl } from '../lib/control';

const clients = new Set<WebSocket>();
const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    res.writeHead(202, { 'content-length': 0 });
    res.end();
    for (const ws of clients) ws.send(body, { binary: false });
  });
});
const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });
wss.on('connection', (ws) => {
  clients.add(ws);
  ws.on('error', () => undefined);
  ws.on('close', () => clients.delete(ws));
});

server.listen(0, '127.0.0.1', () => {
  serveControl((server.address() as AddressInfo).port, {}, {}, () => {
    for (const ws of clients) ws.terminate();
    server.closeAllConnections();
    return Promise.resolve();
  });
});
