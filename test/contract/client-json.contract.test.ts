// The JSON subprotocols on the wire: exact frames for connected, join/leave, sendToGroup, events,
// acks, pings and errors, with tokens made by the official server SDK.
import { WebPubSubServiceClient } from '@azure/web-pubsub';
import { describe, expect, it } from 'vitest';

import { TEST_HUB, uniqueName, useEmulator } from '../setup/emulator';
import { expectRefused, openClient } from '../setup/ws-client';

const JSON_V1 = 'json.webpubsub.azure.v1';
const RELIABLE = 'json.reliable.webpubsub.azure.v1';

describe('json.webpubsub.azure.v1 clients', () => {
  const emulator = useEmulator();
  const service = () => new WebPubSubServiceClient(emulator().connectionString, TEST_HUB);

  async function connect(
    options: { userId?: string; roles?: string[]; groups?: string[] } = {},
    protocol = JSON_V1,
  ) {
    const { url } = await service().getClientAccessToken(options);
    const client = await openClient(url, protocol);
    const connected = await client.next((f) => f.type === 'system' && f.event === 'connected');
    return { client, connectionId: connected.connectionId as string, connected };
  }

  it('sends the connected system message first, with the user id and the negotiated protocol', async () => {
    const userId = uniqueName('u');
    const { client, connected } = await connect({ userId });
    expect(client.ws.protocol).toBe(JSON_V1);
    expect(connected).toEqual({
      type: 'system',
      event: 'connected',
      userId,
      connectionId: expect.any(String),
    });
    client.ws.close();
  });

  it('gives reliable clients a reconnection token', async () => {
    const { client, connected } = await connect({ userId: uniqueName('u') }, RELIABLE);
    expect(client.ws.protocol).toBe(RELIABLE);
    expect(connected.reconnectionToken).toEqual(expect.any(String));
    client.ws.close();
  });

  it('joins, publishes to and leaves a group with acks, honouring noEcho', async () => {
    const group = uniqueName('room');
    const a = await connect({
      userId: 'alice',
      roles: ['webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup'],
    });
    const b = await connect({ userId: 'bob', roles: [`webpubsub.joinLeaveGroup.${group}`] });
    a.client.sendJson({ type: 'joinGroup', group, ackId: 1 });
    b.client.sendJson({ type: 'joinGroup', group, ackId: 1 });
    expect(await a.client.next((f) => f.type === 'ack')).toEqual({
      type: 'ack',
      ackId: 1,
      success: true,
    });
    expect(await b.client.next((f) => f.type === 'ack')).toEqual({
      type: 'ack',
      ackId: 1,
      success: true,
    });

    a.client.sendJson({
      type: 'sendToGroup',
      group,
      dataType: 'text',
      data: 'hi',
      ackId: 2,
      noEcho: true,
    });
    expect(await b.client.next((f) => f.type === 'message')).toEqual({
      type: 'message',
      from: 'group',
      group,
      fromUserId: 'alice',
      dataType: 'text',
      data: 'hi',
    });
    expect(await a.client.next((f) => f.type === 'ack')).toEqual({
      type: 'ack',
      ackId: 2,
      success: true,
    });

    a.client.sendJson({ type: 'sendToGroup', group, dataType: 'json', data: { n: 1 }, ackId: 3 });
    expect(await a.client.next((f) => f.type === 'message')).toMatchObject({
      dataType: 'json',
      data: { n: 1 },
    });
    expect(await b.client.next((f) => f.type === 'message')).toMatchObject({
      dataType: 'json',
      data: { n: 1 },
    });

    b.client.sendJson({ type: 'leaveGroup', group, ackId: 4 });
    expect(await b.client.next((f) => f.type === 'ack')).toEqual({
      type: 'ack',
      ackId: 4,
      success: true,
    });
    a.client.ws.close();
    b.client.ws.close();
  });

  it('refuses group operations without permission (Forbidden) and answers a reused ackId with Duplicate', async () => {
    const group = uniqueName('room');
    const { client } = await connect({
      userId: uniqueName('u'),
      roles: [`webpubsub.joinLeaveGroup.other`],
    });
    client.sendJson({ type: 'joinGroup', group, ackId: 7 });
    expect(await client.next((f) => f.type === 'ack')).toMatchObject({
      ackId: 7,
      success: false,
      error: { name: 'Forbidden' },
    });
    client.sendJson({ type: 'sendToGroup', group, data: 'x', dataType: 'text', ackId: 8 });
    expect(await client.next((f) => f.type === 'ack')).toMatchObject({
      ackId: 8,
      success: false,
      error: { name: 'Forbidden' },
    });
    client.sendJson({ type: 'joinGroup', group: 'other', ackId: 9 });
    expect(await client.next((f) => f.type === 'ack')).toEqual({
      type: 'ack',
      ackId: 9,
      success: true,
    });
    client.sendJson({ type: 'joinGroup', group: 'other', ackId: 9 });
    expect(await client.next((f) => f.type === 'ack')).toMatchObject({
      ackId: 9,
      success: false,
      error: { name: 'Duplicate' },
    });
    client.ws.close();
  });

  it('carries binary data as base64 and answers ping with pong', async () => {
    const group = uniqueName('room');
    const { client } = await connect({
      userId: uniqueName('u'),
      roles: ['webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup'],
    });
    client.sendJson({ type: 'joinGroup', group, ackId: 1 });
    await client.next((f) => f.type === 'ack');
    const data = Buffer.from([0, 1, 2, 255]).toString('base64');
    client.sendJson({ type: 'sendToGroup', group, dataType: 'binary', data });
    expect(await client.next((f) => f.type === 'message')).toMatchObject({
      dataType: 'binary',
      data,
    });
    client.sendJson({ type: 'ping' });
    expect(await client.next((f) => f.type === 'pong')).toEqual({ type: 'pong' });
    client.ws.close();
  });

  it.each([
    ['an invalid group name', { type: 'joinGroup', group: '   ', ackId: 1 }, 'group'],
    [
      'binary data that is not base64',
      { type: 'sendToGroup', group: 'g', dataType: 'binary', data: 'not base64!', ackId: 2 },
      'base64',
    ],
    [
      'null json data',
      { type: 'sendToGroup', group: 'g', dataType: 'json', data: null, ackId: 3 },
      'null',
    ],
    ['an unknown type', { type: 'noSuchType', ackId: 4 }, 'noSuchType'],
    [
      'text data that is not a string',
      { type: 'event', event: 'e', dataType: 'text', data: 1, ackId: 5 },
      'string',
    ],
  ])(
    'declines a client whose request has %s, whatever its ackId (1007, disconnected first)',
    async (_what, request, reason) => {
      const { client } = await connect({
        userId: uniqueName('u'),
        roles: ['webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup'],
      });
      client.sendJson(request);
      const disconnected = await client.next(
        (f) => f.type === 'system' && f.event === 'disconnected',
      );
      expect(disconnected.message).toEqual(expect.stringContaining(reason));
      expect((await client.closed).code).toBe(1007);
      const frames = client.frames.map((f) => JSON.parse(String(f)) as { type: string });
      expect(frames.some((f) => f.type === 'ack')).toBe(false);
    },
  );

  it('closes the client with 1007 on malformed JSON and 1003 on a binary frame', async () => {
    const a = await connect({ userId: uniqueName('u') });
    a.client.ws.send('{not json');
    expect((await a.client.closed).code).toBe(1007);
    expect(
      await a.client.next((f) => f.type === 'system' && f.event === 'disconnected'),
    ).toMatchObject({ message: expect.stringContaining('not valid JSON') });
    const b = await connect({ userId: uniqueName('u') });
    b.client.ws.send(Buffer.from([1, 2, 3]));
    expect((await b.client.closed).code).toBe(1003);
  });

  it('closes a client whose frame is over 1 MiB with 1009', async () => {
    const { client } = await connect({ userId: uniqueName('u') });
    client.ws.send('x'.repeat(1024 * 1024 + 1));
    expect((await client.closed).code).toBe(1009);
  });

  it('answers a plain HTTP request to the client endpoint with 400 and an upgrade elsewhere with 404', async () => {
    const res = await fetch(`${emulator().url}/client/hubs/${TEST_HUB}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'Error.BadRequest' });
    const { token } = await service().getClientAccessToken({ userId: uniqueName('u') });
    expect(
      await expectRefused(
        `${emulator().url.replace('http', 'ws')}/elsewhere?access_token=${token}`,
      ),
    ).toBe(404);
    expect(
      await expectRefused(
        `${emulator().url.replace('http', 'ws')}/client/hubs/9bad?access_token=${token}`,
      ),
    ).toBe(400);
  });
});
