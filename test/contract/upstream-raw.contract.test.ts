// Raw WebSocket clients (no subprotocol): frames become the `message` user event and the
// handler's reply comes back as a bare frame; `webpubsub_mode=sendToGroup` publishes instead.
import { WebPubSubServiceClient } from '@azure/web-pubsub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { uniqueName, useEmulator } from '../setup/emulator';
import type { TestUpstream } from '../setup/upstream';
import { allowAbuseProtection, startScriptedUpstream } from '../setup/upstream';
import { expectRefused, openClient } from '../setup/ws-client';

const HUB = 'rawhub';

describe('raw WebSocket clients', () => {
  const emulator = useEmulator();
  let upstream: TestUpstream;
  let service: WebPubSubServiceClient;

  beforeAll(async () => {
    upstream = await startScriptedUpstream((req, body, res) => {
      if (allowAbuseProtection(req, res)) return;
      const text = body.toString('utf8');
      if (req.headers['content-type'] === 'application/octet-stream') {
        return void res
          .writeHead(200, { 'content-type': 'application/octet-stream' })
          .end(Buffer.concat([body, Buffer.from([0xff])]));
      }
      if (text === 'fail') return void res.writeHead(500).end('secret detail');
      if (text === 'quiet') return void res.writeHead(204).end();
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ echo: text }));
    });
    emulator().configureHub(HUB, {
      eventHandlers: [{ urlTemplate: `${upstream.url}/events`, userEventPattern: 'message' }],
    });
    service = new WebPubSubServiceClient(emulator().connectionString, HUB, {
      allowInsecureConnection: true,
    });
  });
  afterAll(() => upstream.close());

  const url = async (options: { roles?: string[]; groups?: string[] } = {}) =>
    (await service.getClientAccessToken({ userId: uniqueName('raw'), ...options })).url;

  it('turns text and binary frames into `message` events and sends the reply back bare', async () => {
    const client = await openClient(await url());
    expect(client.ws.protocol).toBe('');
    client.ws.send('hello');
    expect(await client.next()).toBe('{"echo":"hello"}');
    client.ws.send(Buffer.from([1, 2]));
    expect(await client.next()).toEqual(Buffer.from([1, 2, 0xff]));
    const events = upstream.requests.filter((r) => r.method === 'POST');
    expect(events[0]!.headers).toMatchObject({
      'ce-type': 'azure.webpubsub.user.message',
      'ce-eventname': 'message',
      'content-type': 'text/plain',
    });
    expect(events[0]!.headers['ce-subprotocol']).toBeUndefined();
    expect(events[1]!.headers['content-type']).toBe('application/octet-stream');
    client.ws.send('quiet');
    client.ws.send('after');
    // The empty reply sent no frame: the next frame is the reply to 'after'.
    expect(await client.next()).toBe('{"echo":"after"}');
    client.ws.close();
  });

  it("closes the client with 1011 when the handler fails, without the handler's details", async () => {
    const client = await openClient(await url());
    client.ws.send('fail');
    const closed = await client.closed;
    expect(closed.code).toBe(1011);
    expect(closed.reason).not.toContain('secret');
    expect(client.frames).toEqual([]);
  });

  it('delivers server messages as bare frames and token groups to raw clients', async () => {
    const group = uniqueName('g');
    const client = await openClient(await url({ groups: [group] }));
    await service.sendToAll('plain', { contentType: 'text/plain' });
    expect(await client.next()).toBe('plain');
    await service.group(group).sendToAll({ k: 1 });
    expect(await client.next()).toBe('{"k":1}');
    client.ws.close();
  });

  it('publishes frames to a group with webpubsub_mode=sendToGroup, honouring noEcho and roles', async () => {
    const group = uniqueName('g');
    const listener = await openClient(await url({ groups: [group] }));
    const publisher = await openClient(
      `${await url({ roles: [`webpubsub.sendToGroup.${group}`], groups: [group] })}&webpubsub_mode=sendToGroup&group=${group}&noEcho=true`,
    );
    publisher.ws.send('to the group');
    expect(await listener.next()).toBe('to the group');
    const json = await openClient(
      (await service.getClientAccessToken({ userId: 'j', groups: [group] })).url,
      'json.webpubsub.azure.v1',
    );
    await json.next((f) => f.type === 'system');
    publisher.ws.send('again');
    expect(await json.next((f) => f.type === 'message')).toMatchObject({
      from: 'group',
      group,
      dataType: 'text',
      data: 'again',
    });
    expect(await listener.next()).toBe('again');
    // noEcho: the publisher got nothing of its own (a server message proves the order).
    await service.sendToAll('marker', { contentType: 'text/plain' });
    expect(await publisher.next()).toBe('marker');
    const forbidden = await openClient(`${await url()}&webpubsub_mode=sendToGroup&group=${group}`);
    forbidden.ws.send('nope');
    expect((await forbidden.closed).code).toBe(1008);
    for (const c of [listener, publisher, json]) c.ws.close();
  });

  it('refuses invalid raw-mode query values before the upgrade', async () => {
    const base = await url();
    expect(await expectRefused(`${base}&webpubsub_mode=shout`)).toBe(400);
    expect(await expectRefused(`${base}&webpubsub_mode=sendToGroup`)).toBe(400);
    expect(await expectRefused(`${base}&webpubsub_mode=sendToGroup&group=g&noEcho=maybe`)).toBe(
      400,
    );
  });

  it('refuses a subprotocol it does not support unless the connect handler picks it', async () => {
    expect(await expectRefused(await url(), 'custom.protocol.v1')).toBe(400);
  });
});
