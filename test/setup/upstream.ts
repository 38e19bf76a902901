// Event handlers for tests: an Express app with the official `@azure/web-pubsub-express` handler,
// and a bare node:http handler whose answers a test scripts.
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { WebPubSubEventHandlerOptions } from '@azure/web-pubsub-express';
import { WebPubSubEventHandler } from '@azure/web-pubsub-express';
import express from 'express';

export interface TestUpstream {
  url: string;
  /** Every request the upstream received, in order. */
  requests: { method: string; url: string; headers: IncomingMessage['headers']; body: Buffer }[];
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** The official Express handler; every request's `ce-signature` is checked against `accessKey`. */
export async function startExpressUpstream(
  hub: string,
  accessKey: string,
  options: WebPubSubEventHandlerOptions,
): Promise<TestUpstream & { badSignatures: number }> {
  const handler = new WebPubSubEventHandler(hub, { path: '/eventhandler', ...options });
  const app = express();
  const state = { badSignatures: 0 };
  const requests: TestUpstream['requests'] = [];
  app.use((req, _res, next) => {
    requests.push({
      method: req.method,
      url: req.url,
      headers: req.headers,
      body: Buffer.alloc(0),
    });
    const id = req.headers['ce-connectionid'];
    if (req.method === 'POST' && typeof id === 'string') {
      const expected = 'sha256=' + createHmac('sha256', accessKey).update(id).digest('hex');
      if (req.headers['ce-signature'] !== expected) state.badSignatures++;
    }
    next();
  });
  app.use(handler.getMiddleware());
  const server = createServer(app);
  const url = await listen(server);
  return {
    url: `${url}/eventhandler`,
    requests,
    get badSignatures() {
      return state.badSignatures;
    },
    close: () => closeServer(server),
  };
}

/** Its return value is ignored, except that a promise is awaited. */
export type Responder = (req: IncomingMessage, body: Buffer, res: ServerResponse) => unknown;

/** A bare handler: abuse protection is answered unless `respond` handles OPTIONS itself. */
export async function startScriptedUpstream(respond: Responder): Promise<TestUpstream> {
  const requests: TestUpstream['requests'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      void Promise.resolve(respond(req, body, res)).catch(() => res.destroy());
    });
  });
  const url = await listen(server);
  return { url, requests, close: () => closeServer(server) };
}

export function allowAbuseProtection(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(200, { 'WebHook-Allowed-Origin': '*' }).end();
  return true;
}
