// Server process, the REST floor: a trivial node:http keep-alive server that echoes POST bodies.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { serveControl } from '../lib/control';

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});

server.listen(0, '127.0.0.1', () => {
  serveControl((server.address() as AddressInfo).port, {}, {}, () => {
    server.closeAllConnections();
    return Promise.resolve();
  });
});
