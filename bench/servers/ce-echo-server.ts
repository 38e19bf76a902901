// Server process: a bare event handler for the emulator's user events: passes abuse protection
// (`OPTIONS` → `WebHook-Allowed-Origin: *`) and answers every POST with its own body and type.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { serveControl } from '../lib/control';

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  if (req.method === 'OPTIONS') {
    res.writeHead(200, { 'webhook-allowed-origin': '*' }).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    res.writeHead(200, {
      'content-type': req.headers['content-type'] ?? 'text/plain',
      'content-length': body.length,
    });
    res.end(body);
  });
});

server.listen(0, '127.0.0.1', () => {
  serveControl((server.address() as AddressInfo).port, {}, {}, () => {
    server.closeAllConnections();
    return Promise.resolve();
  });
});
