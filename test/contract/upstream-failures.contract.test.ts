// Handlers that are down, fail, refuse abuse protection or answer nonsense: the client gets the
// service's error, other connections carry on, and nothing reaches a handler for a refused token.
import type { ServerResponse } from 'node:http';

import { WebPubSubServiceClient } from '@azure/web-pubsub';
import jwt from 'jsonwebtoken';
import { afterEach, describe, expect, it } from 'vitest';

import { uniqueName, useEmulator } from '../setup/emulator';
import type { Responder, TestUpstream } from '../setup/upstream';
import { allowAbuseProtection, startScriptedUpstream } from '../setup/upstream';
import { expectRefused, openClient } from '../setup/ws-client';

const JSON_V1 = 'json.webpubsub.azure.v1';

describe('upstream failures', () => {
  const emulator = useEmulator();
  const upstreams: TestUpstream[] = [];
  afterEach(async () => {
    await Promise.all(upstreams.splice(0).map((u) => u.close()));
  });

  /** A fresh hub whose handler is `respond`; returns a client-URL maker and the upstream. */
  async function hubWith(
    respond: Responder,
    systemEvents: ('connect' | 'connected' | 'disconnected')[] = ['connect'],
  ) {
    const upstream = await startScriptedUpstream(respond);
    upstreams.push(upstream);
    const hub = `h${uniqueName('x').replace(/\W/g, '')}`;
    emulator().configureHub(hub, {
      eventHandlers: [
        { urlTemplate: `${upstream.url}/{hub}/{event}`, userEventPattern: '*', systemEvents },
      ],
    });
    const service = new WebPubSubServiceClient(emulator().connectionString, hub, {
      allowInsecureConnection: true,
    });
    const url = async (userId = uniqueName('u')) =>
      (await service.getClientAccessToken({ userId })).url;
    return { hub, upstream, url, service };
  }

  const ok = (res: ServerResponse, status = 204) => res.writeHead(status).end();

  it('refuses bad, expired and wrong-audience tokens with 401 before any event is sent', async () => {
    const { upstream, url, hub } = await hubWith(
      (req, _b, res) => allowAbuseProtection(req, res) || ok(res),
    );
    const good = new URL(await url());
    const endpoint = `${emulator().url}/client/hubs/${hub}`;
    const sign = (claims: object, key = emulator().accessKey) =>
      jwt.sign(claims, key, { algorithm: 'HS256' });
    const now = Math.floor(Date.now() / 1000);
    const tokens = [
      'not-a-jwt',
      sign({ aud: endpoint, exp: now + 60 }, 'another-key-another-key-another-key'),
      sign({ aud: endpoint, exp: now - 3600 }),
      sign({ aud: `${emulator().url}/client/hubs/otherhub`, exp: now + 60 }),
      sign({ aud: endpoint }),
    ];
    for (const token of tokens) {
      good.searchParams.set('access_token', token);
      expect(await expectRefused(good.href, JSON_V1)).toBe(401);
    }
    good.searchParams.delete('access_token');
    expect(await expectRefused(good.href, JSON_V1)).toBe(401);
    expect(upstream.requests).toEqual([]);
  });

  it('refuses the connection with 500 when the connect handler is down, and recovers when it is back', async () => {
    let down = true;
    const { url, upstream } = await hubWith((req, _b, res) => {
      if (down) return void res.socket?.destroy();
      if (!allowAbuseProtection(req, res)) ok(res);
    });
    expect(await expectRefused(await url(), JSON_V1)).toBe(500);
    down = false;
    const client = await openClient(await url(), JSON_V1);
    expect(await client.next((f) => f.type === 'system')).toMatchObject({ event: 'connected' });
    expect(upstream.requests.some((r) => r.method === 'POST')).toBe(true);
    client.ws.close();
  });

  it('retries 503 and 408 like the service, then delivers the same event', async () => {
    let failures = 2;
    const { url, upstream } = await hubWith((req, _b, res) => {
      if (allowAbuseProtection(req, res)) return;
      if (failures-- > 0) return void res.writeHead(failures === 1 ? 503 : 408).end();
      ok(res);
    });
    const client = await openClient(await url(), JSON_V1);
    await client.next((f) => f.type === 'system');
    const posts = upstream.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(3);
    expect(new Set(posts.map((p) => p.headers['ce-connectionid'])).size).toBe(1);
    client.ws.close();
  });

  it('does not retry a 4xx: the client gets that status', async () => {
    const { url, upstream } = await hubWith(
      (req, _b, res) => allowAbuseProtection(req, res) || ok(res, 403),
    );
    expect(await expectRefused(await url(), JSON_V1)).toBe(403);
    expect(upstream.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('sends no event to a handler that fails abuse protection', async () => {
    const { url, upstream } = await hubWith((req, _b, res) =>
      ok(res, req.method === 'OPTIONS' ? 200 : 204),
    );
    expect(await expectRefused(await url(), JSON_V1)).toBe(500);
    expect(upstream.requests.map((r) => r.method)).toEqual(['OPTIONS']);
  });

  it('falls back to GET when OPTIONS is 404', async () => {
    const { url, upstream } = await hubWith((req, _b, res) => {
      if (req.method === 'OPTIONS') return ok(res, 404);
      if (req.method === 'GET')
        return void res.writeHead(200, { 'WebHook-Allowed-Origin': 'localhost' }).end();
      ok(res);
    });
    const client = await openClient(await url(), JSON_V1);
    await client.next((f) => f.type === 'system');
    expect(upstream.requests.map((r) => r.method)).toEqual(['OPTIONS', 'GET', 'POST']);
    client.ws.close();
  });

  it.each([
    ['invalid JSON', '{nope', 'application/json'],
    [
      'a subprotocol the client did not offer',
      '{"subprotocol":"other.protocol"}',
      'application/json',
    ],
    ['an invalid group', '{"groups":["  "]}', 'application/json'],
  ])('refuses with 500 when the connect response has %s', async (_what, body, type) => {
    const { url } = await hubWith(
      (req, _b, res) =>
        allowAbuseProtection(req, res) ||
        void res.writeHead(200, { 'content-type': type }).end(body),
    );
    expect(await expectRefused(await url(), JSON_V1)).toBe(500);
  });

  it('keeps other connections working while one handler call hangs', async () => {
    const hanging: ServerResponse[] = [];
    const { url } = await hubWith((req, body, res) => {
      if (allowAbuseProtection(req, res)) return;
      if (body.toString() === 'hang') return void hanging.push(res);
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`re:${body.toString()}`);
    }, []);
    const a = await openClient(await url(), JSON_V1);
    const b = await openClient(await url(), JSON_V1);
    a.sendJson({ type: 'event', event: 'm', dataType: 'text', data: 'hang', ackId: 1 });
    b.sendJson({ type: 'event', event: 'm', dataType: 'text', data: 'fine', ackId: 1 });
    expect(await b.next((f) => f.type === 'message')).toMatchObject({ data: 're:fine' });
    expect(await b.next((f) => f.type === 'ack')).toMatchObject({ success: true });
    expect(hanging).toHaveLength(1);
    hanging[0]!.writeHead(200, { 'content-type': 'text/plain' }).end('late');
    expect(await a.next((f) => f.type === 'message')).toMatchObject({ data: 'late' });
    a.ws.close();
    b.ws.close();
  });

  it('answers an event nobody handles with InternalServerError and keeps the connection', async () => {
    emulator().configureHub('nohandlers', { eventHandlers: [] });
    const other = new WebPubSubServiceClient(emulator().connectionString, 'nohandlers', {
      allowInsecureConnection: true,
    });
    const lonely = await openClient(
      (await other.getClientAccessToken({ userId: 'x' })).url,
      JSON_V1,
    );
    await lonely.next((f) => f.type === 'system');
    lonely.sendJson({ type: 'event', event: 'anything', dataType: 'text', data: 'x', ackId: 3 });
    expect(await lonely.next((f) => f.type === 'ack')).toMatchObject({
      ackId: 3,
      success: false,
      error: { name: 'InternalServerError' },
    });
    lonely.sendJson({ type: 'ping' });
    expect(await lonely.next((f) => f.type === 'pong')).toEqual({ type: 'pong' });
    lonely.ws.close();
  });

  it('round-trips ce-connectionState and cookies as opaque values, and forwards metadata', async () => {
    const { url, upstream } = await hubWith(
      (req, _b, res) => {
        if (allowAbuseProtection(req, res)) return;
        if (req.headers['ce-eventname'] === 'connect') {
          return void res
            .writeHead(200, { 'ce-connectionState': 'opaque-1', 'set-cookie': 'sid=abc; Path=/' })
            .end();
        }
        res
          .writeHead(200, {
            'content-type': 'text/plain',
            'ce-connectionState': 'opaque-2',
            'x-webpubsub-metadata-Reply': 'yes',
          })
          .end('ok');
      },
      ['connect'],
    );
    const client = await openClient(await url(), JSON_V1);
    await client.next((f) => f.type === 'system');
    client.sendJson({
      type: 'event',
      event: 'e1',
      dataType: 'text',
      data: 'a',
      metadata: { Trace: 't1' },
      ackId: 1,
    });
    expect(await client.next((f) => f.type === 'message')).toEqual({
      type: 'message',
      from: 'server',
      dataType: 'text',
      data: 'ok',
      metadata: { reply: 'yes' },
    });
    client.sendJson({ type: 'event', event: 'e2', dataType: 'text', data: 'b', ackId: 2 });
    await client.next((f) => f.type === 'ack' && f.ackId === 2);
    const [e1, e2] = upstream.requests.filter((r) => r.method === 'POST').slice(1);
    expect(e1!.headers).toMatchObject({
      'ce-connectionstate': 'opaque-1',
      cookie: 'sid=abc',
      'x-webpubsub-metadata-trace': 't1',
    });
    expect(e2!.headers['ce-connectionstate']).toBe('opaque-2');
    expect(e2!.headers['ce-id']).toBe('2');
    client.ws.close();
  });
});
