// The protobuf subprotocols on the wire: connected, join/leave/sendToGroup with acks, user events
// and replies, mixed JSON/protobuf groups, ping, reliable recovery, and closes for bad frames.
import { WebPubSubServiceClient } from '@azure/web-pubsub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TEST_HUB, uniqueName, useEmulator } from '../setup/emulator';
import type { ProtobufClient } from '../setup/protobuf-client';
import { AnyMessage, openProtobufClient } from '../setup/protobuf-client';
import type { TestUpstream } from '../setup/upstream';
import { allowAbuseProtection, startScriptedUpstream } from '../setup/upstream';
import { openClient } from '../setup/ws-client';

const PB = 'protobuf.webpubsub.azure.v1';
const PB_RELIABLE = 'protobuf.reliable.webpubsub.azure.v1';
const ALL_ROLES = ['webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup'];
const EVENT_HUB = 'pbevents';

describe('protobuf.webpubsub.azure.v1 clients', () => {
  const emulator = useEmulator();
  let upstream: TestUpstream;
  beforeAll(async () => {
    // Echoes the event back with its content type and a metadata header, then acks.
    upstream = await startScriptedUpstream((req, body, res) => {
      if (allowAbuseProtection(req, res)) return;
      if (req.headers['ce-eventname'] === 'fail') return void res.writeHead(500).end();
      const type = req.headers['content-type'] ?? 'application/octet-stream';
      const echo = type === 'application/x-protobuf' ? 'application/octet-stream' : type;
      res.writeHead(200, { 'content-type': echo, 'x-webpubsub-metadata-seen': 'yes' }).end(body);
    });
    emulator().configureHub(EVENT_HUB, {
      eventHandlers: [{ urlTemplate: `${upstream.url}/events`, userEventPattern: '*' }],
    });
  });
  afterAll(() => upstream.close());

  async function url(options: { userId?: string; roles?: string[] } = {}, hub = TEST_HUB) {
    const service = new WebPubSubServiceClient(emulator().connectionString, hub, {
      allowInsecureConnection: true,
    });
    return (await service.getClientAccessToken(options)).url;
  }

  async function connect(options: { userId?: string; roles?: string[] } = {}, protocol = PB) {
    const client = await openProtobufClient(await url(options), protocol);
    const { system_message } = await client.next('system_message');
    return { client, connected: system_message.connected_message as Record<string, string> };
  }

  async function join(client: ProtobufClient, group: string, ackId: number) {
    client.send({ join_group_message: { group, ack_id: ackId } });
    return (await client.next('ack_message', (m) => m.ack_message.ack_id === ackId)).ack_message;
  }

  it('sends the binary connected message first; reliable clients get a reconnection token', async () => {
    const userId = uniqueName('u');
    const { client, connected } = await connect({ userId });
    expect(client.ws.protocol).toBe(PB);
    expect(connected).toEqual({ connection_id: expect.any(String), user_id: userId });
    const reliable = await connect({ userId }, PB_RELIABLE);
    expect(reliable.client.ws.protocol).toBe(PB_RELIABLE);
    expect(reliable.connected.reconnection_token).toEqual(expect.any(String));
    client.ws.close();
    reliable.client.ws.close();
  });

  it('joins, publishes with noEcho and leaves with acks; Forbidden and Duplicate like JSON', async () => {
    const group = uniqueName('room');
    const a = (await connect({ userId: 'alice', roles: ALL_ROLES })).client;
    const b = (await connect({ userId: 'bob', roles: [`webpubsub.joinLeaveGroup.${group}`] }))
      .client;
    expect(await join(a, group, 1)).toEqual({ ack_id: 1, success: true });
    expect(await join(b, group, 1)).toEqual({ ack_id: 1, success: true });
    a.send({
      send_to_group_message: { group, ack_id: 2, no_echo: true, data: { text_data: 'hi' } },
    });
    expect((await b.next('data_message')).data_message).toEqual({
      from: 'group',
      group,
      data: { text_data: 'hi', data: 'text_data' },
    });
    expect((await a.next('ack_message')).ack_message).toEqual({ ack_id: 2, success: true });

    b.send({ send_to_group_message: { group, ack_id: 3, data: { text_data: 'x' } } });
    expect((await b.next('ack_message')).ack_message).toMatchObject({
      ack_id: 3,
      success: false,
      error: { name: 'Forbidden' },
    });
    expect((await join(b, 'elsewhere', 4)).error).toMatchObject({ name: 'Forbidden' });
    expect((await join(a, group, 1)).error).toMatchObject({ name: 'Duplicate' });
    b.send({ leave_group_message: { group, ack_id: 5 } });
    expect((await b.next('ack_message')).ack_message).toEqual({ ack_id: 5, success: true });
    a.ws.close();
    b.ws.close();
  });

  it('delivers across wire forms: JSON members get base64 protobuf, protobuf members get json_data', async () => {
    const group = uniqueName('room');
    const pb = (await connect({ userId: 'p', roles: ALL_ROLES })).client;
    const json = await openClient(
      await url({ userId: 'j', roles: ALL_ROLES }),
      'json.webpubsub.azure.v1',
    );
    await json.next((f) => f.type === 'system');
    await join(pb, group, 1);
    json.sendJson({ type: 'joinGroup', group, ackId: 1 });
    await json.next((f) => f.type === 'ack');

    const any = { type_url: 'type.googleapis.com/test.Thing', value: Buffer.from([8, 1]) };
    pb.send({
      send_to_group_message: { group, data: { protobuf_data: any }, metadata: { Kind: 'any' } },
    });
    const anyBytes = AnyMessage.encode(any).finish();
    expect(await json.next((f) => f.type === 'message')).toEqual({
      type: 'message',
      from: 'group',
      group,
      fromUserId: 'p',
      dataType: 'protobuf',
      data: Buffer.from(anyBytes).toString('base64'),
      metadata: { kind: 'any' },
    });
    const echoed = (await pb.next('data_message')).data_message;
    expect(echoed.data.protobuf_data.type_url).toBe(any.type_url);
    expect(Buffer.from(echoed.data.protobuf_data.value)).toEqual(any.value);
    expect(echoed.metadata).toEqual({ kind: 'any' });

    json.sendJson({ type: 'sendToGroup', group, dataType: 'json', data: { n: 1 } });
    expect((await pb.next('data_message')).data_message.data).toEqual({
      json_data: '{"n":1}',
      data: 'json_data',
    });
    json.sendJson({ type: 'sendToGroup', group, dataType: 'binary', data: 'AQID' });
    const bin = (await pb.next('data_message')).data_message.data;
    expect(Buffer.from(bin.binary_data)).toEqual(Buffer.from([1, 2, 3]));
    pb.ws.close();
    json.ws.close();
  });

  it('sends user events upstream with the spec content types and returns the reply before the ack', async () => {
    const client = await openProtobufClient(await url({ userId: 'ev' }, EVENT_HUB), PB);
    await client.next('system_message');
    const any = { type_url: 'type.googleapis.com/test.Thing', value: Buffer.from([8, 2]) };
    const cases: [object, string, Buffer][] = [
      [{ text_data: 'hello' }, 'text/plain', Buffer.from('hello')],
      [{ json_data: '{"a":1}' }, 'application/json', Buffer.from('{"a":1}')],
      [{ binary_data: Buffer.from([9, 9]) }, 'application/octet-stream', Buffer.from([9, 9])],
      [
        { protobuf_data: any },
        'application/x-protobuf',
        Buffer.from(AnyMessage.encode(any).finish()),
      ],
    ];
    for (const [i, [data, type, body]] of cases.entries()) {
      client.send({ event_message: { event: 'echo', data, ack_id: 10 + i, metadata: { m: 'v' } } });
      const reply = (await client.next('data_message')).data_message;
      expect(reply).toMatchObject({ from: 'server', metadata: { seen: 'yes' } });
      expect((await client.next('ack_message')).ack_message).toEqual({
        ack_id: 10 + i,
        success: true,
      });
      const request = upstream.requests.at(-1)!;
      expect(request.headers['content-type']).toBe(type);
      expect(request.headers['x-webpubsub-metadata-m']).toBe('v');
      expect(request.body).toEqual(body);
    }
    client.send({ event_message: { event: 'echo', data: { text_data: 'again' }, ack_id: 10 } });
    expect((await client.next('ack_message')).ack_message.error).toMatchObject({
      name: 'Duplicate',
    });
    client.send({ event_message: { event: 'fail', data: { text_data: 'x' }, ack_id: 20 } });
    expect((await client.next('ack_message')).ack_message.error).toMatchObject({
      name: 'InternalServerError',
    });
    client.ws.close();
  });

  it('answers ping with pong', async () => {
    const { client } = await connect({ userId: uniqueName('u') });
    client.send({ ping_message: {} });
    expect(await client.next('pong_message')).toEqual({
      message: 'pong_message',
      pong_message: {},
    });
    client.ws.close();
  });

  it('recovers a reliable client after an abnormal drop and replays unacknowledged frames', async () => {
    const group = uniqueName('room');
    const { client, connected } = await connect({ userId: 'r', roles: ALL_ROLES }, PB_RELIABLE);
    const sender = (await connect({ userId: 's', roles: ALL_ROLES })).client;
    await join(client, group, 1);
    const publish = (text: string) =>
      sender.send({ send_to_group_message: { group, data: { text_data: text } } });
    publish('one');
    publish('two');
    const first = (await client.next('data_message')).data_message;
    const second = (await client.next('data_message')).data_message;
    expect([first.sequence_id, second.sequence_id]).toEqual([1, 2]);
    expect(second.data.text_data).toBe('two');
    client.send({ sequence_ack_message: { sequence_id: 1 } });
    client.send({ ping_message: {} }); // the pong proves the sequence ack was handled
    await client.next('pong_message');
    client.ws.terminate();
    await client.closed;
    publish('three');

    const base = emulator().url.replace(/^http/, 'ws');
    const query = new URLSearchParams({
      awps_connection_id: connected.connection_id!,
      awps_reconnection_token: connected.reconnection_token!,
    });
    const back = await openProtobufClient(
      `${base}/client/hubs/${TEST_HUB}?${query.toString()}`,
      PB_RELIABLE,
    );
    expect(back.ws.protocol).toBe(PB_RELIABLE);
    const replayed = [
      (await back.next('data_message')).data_message,
      (await back.next('data_message')).data_message,
    ];
    expect(replayed.map((m) => [m.sequence_id, m.data.text_data])).toEqual([
      [2, 'two'],
      [3, 'three'],
    ]);
    publish('four');
    expect((await back.next('data_message')).data_message.sequence_id).toBe(4);
    back.ws.close();
    sender.ws.close();
  });

  it('closes with 1007 on a malformed frame and 1003 on a text frame', async () => {
    const a = (await connect({ userId: uniqueName('u') })).client;
    a.ws.send(Buffer.from([0x0a, 0x05, 0x01]));
    expect((await a.closed).code).toBe(1007);
    const { system_message } = await a.next('system_message');
    expect(system_message.disconnected_message.reason).toMatch(/Invalid message/);
    const b = (await connect({ userId: uniqueName('u') })).client;
    b.ws.send('{"type":"ping"}');
    expect((await b.closed).code).toBe(1003);
  });
});
