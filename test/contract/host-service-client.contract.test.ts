// The host's REST client for output actions, against a real HTTP server that plays the service:
// tokens as the extension signs them, reuse while they are fresh, retries of what the SDK retries.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import jwt from 'jsonwebtoken';
import { afterEach, describe, expect, it } from 'vitest';

import { ServiceClient } from '../../packages/functions-host/src/webpubsub/service-client';

const KEY = 'a-test-access-key-that-is-long-enough';
type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

interface Seen {
  method: string;
  url: string;
  auth: string;
  contentType: string | undefined;
  body: string;
}

/** A service whose answer to request i is `answers[i]` (the last one repeats). */
async function service(...answers: Handler[]) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const n = seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        auth: req.headers.authorization ?? '',
        contentType: req.headers['content-type'],
        body,
      });
      answers[Math.min(n, answers.length) - 1]!(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clients: ServiceClient[] = [];
  const client = (now?: () => number, retryDelaysMs: number[] = [0, 0, 0]) => {
    const c = new ServiceClient(endpoint, KEY, { retryDelaysMs, ...(now && { now }) });
    clients.push(c);
    return c;
  };
  closers.push(async () => {
    for (const c of clients) await c.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { endpoint, seen, client };
}

const accepted: Handler = (_req, res) => res.writeHead(202).end();
const status =
  (code: number, body = '', headers: Record<string, string> = {}): Handler =>
  (_req, res) =>
    res.writeHead(code, { 'content-type': 'application/json', ...headers }).end(body);
const send = (path = '/api/hubs/chat/:send?api-version=2024-12-01') => ({
  method: 'POST' as const,
  path,
  body: Buffer.from('{"a":1}'),
  contentType: 'application/json',
});

describe('ServiceClient', () => {
  it('signs each URL as the extension does and reuses the token while it has a minute left', async () => {
    const s = await service(accepted);
    let now = 1_000_000;
    const client = s.client(() => now);
    await client.call(send());
    await client.call(send('/api/hubs/chat/groups/g/:send?api-version=2024-12-01'));
    now += 239; // 61 s left: still reused
    await client.call(send());
    now += 2; // 59 s left: a new one
    await client.call(send());
    const [first, other, reused, renewed] = s.seen.map((r) => r.auth.replace(/^Bearer /, ''));
    const claims = jwt.verify(first!, KEY, {
      algorithms: ['HS256'],
      clockTimestamp: 1_000_000,
    }) as jwt.JwtPayload;
    expect(claims).toEqual({
      aud: `${s.endpoint}/api/hubs/chat/:send?api-version=2024-12-01`,
      iat: 1_000_000,
      nbf: 1_000_000,
      exp: 1_000_300,
    });
    expect(jwt.decode(other!)).toMatchObject({
      aud: `${s.endpoint}/api/hubs/chat/groups/g/:send?api-version=2024-12-01`,
    });
    expect(reused).toBe(first);
    expect(renewed).not.toBe(first);
    expect(jwt.decode(renewed!)).toMatchObject({ iat: 1_000_241 });
    expect(s.seen[0]).toMatchObject({ method: 'POST', contentType: 'application/json' });
    expect(s.seen[0]!.body).toBe('{"a":1}');
  });

  it('retries 503 and a dropped connection, then succeeds', async () => {
    const dropped: Handler = (req) => req.socket.destroy();
    const s = await service(status(503), dropped, accepted);
    await s.client().call(send());
    expect(s.seen).toHaveLength(3);
    expect(new Set(s.seen.map((r) => r.body))).toEqual(new Set(['{"a":1}']));
  });

  it("waits the service's Retry-After rather than its own delay", async () => {
    const s = await service(status(429, '', { 'retry-after': '0' }), accepted);
    // Its own first delay would be a minute: only the Retry-After of 0 s lets this pass in time.
    const client = s.client(undefined, [60_000]);
    await client.call(send());
    expect(s.seen).toHaveLength(2);
  });

  it("fails at once on a 4xx with the service's code and message, and never logs the query", async () => {
    const s = await service(
      status(400, '{"code":"InvalidArgument","message":"Group name is invalid."}', {
        'x-ms-error-code': 'InvalidArgument',
      }),
    );
    const failure = s.client().call(send('/api/hubs/chat/groups/g/:send?excluded=secret-conn'));
    await expect(failure).rejects.toThrow(
      'POST /api/hubs/chat/groups/g/:send: 400 InvalidArgument: Group name is invalid.',
    );
    await expect(failure).rejects.not.toThrow('secret-conn');
    expect(s.seen).toHaveLength(1);
  });

  it('gives up after three retries, reporting the last answer', async () => {
    const s = await service(status(500, 'boom'));
    await expect(s.client().call(send())).rejects.toMatchObject({
      status: 500,
      message: 'POST /api/hubs/chat/:send: 500: boom',
    });
    expect(s.seen).toHaveLength(4);
  });
});
