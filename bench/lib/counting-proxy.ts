// A plain HTTP proxy that counts the requests it forwards, by method: put in front of Azurite's
// table endpoint it counts storage requests (writes are everything but GET), in front of the
// host's webhook it counts Function invocations. Nothing is changed on the way.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  /** `http://127.0.0.1:<port>`: the proxy's origin; paths and queries are forwarded as they come. */
  origin: string;
  /** Requests forwarded since the last reset, by method. */
  counts(): Record<string, number>;
  reset(): void;
  close(): Promise<void>;
}

/** `target`: the origin requests go to (`http://host:port`), looked up on each request. */
export async function countingProxy(target: () => string): Promise<CountingProxy> {
  let counts: Record<string, number> = {};
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    counts[method] = (counts[method] ?? 0) + 1;
    const url = new URL(req.url ?? '/', target());
    const upstream = http.request(
      url,
      { method, headers: { ...req.headers, host: url.host }, agent },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    counts: () => ({ ...counts }),
    reset: () => {
      counts = {};
    },
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Requests that write: everything but reads (GET, HEAD). */
export function writesOf(counts: Record<string, number>): number {
  return Object.entries(counts)
    .filter(([method]) => method !== 'GET' && method !== 'HEAD')
    .reduce((sum, [, n]) => sum + n, 0);
}

export function totalOf(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
