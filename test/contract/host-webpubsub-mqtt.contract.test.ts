// MQTT clients' events through the offline host as the Functions extension (1.8.0+, "Added MQTT
// client events support") handles them: hand-made upstream calls shaped as the service sends them
// for MQTT clients (MicrosoftDocs/azure-docs articles/azure-web-pubsub/reference-mqtt-cloud-events.md)
// reach `clientProtocols: 'mqtt'` functions with the extension's MqttConnectEventRequest /
// MqttConnectionContext / MqttDisconnectedEventRequest shapes, and their MQTT connect answers go
// back as Utilities.BuildValidResponse writes them (Azure/azure-sdk-for-net
// sdk/webpubsub/Microsoft.Azure.WebJobs.Extensions.WebPubSub/src/{Trigger/WebPubSubTriggerDispatcher.cs,
// Utilities.cs}; Microsoft.Azure.WebPubSub.Common/src/{Request,Response,Mqtt,Shared}/Mqtt*.cs).
import { randomUUID } from 'node:crypto';

import type { MqttConnectErrorResponse } from '@wps-local/wire';
import { describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import type { LogEntry, UpstreamEvent } from '../setup/wps-host';
import { useWpsStack } from '../setup/wps-host';

const stack = useWpsStack();

interface MqttContext {
  connectionId: string;
  physicalConnectionId: string;
  sessionId: string | null;
  eventName: string;
}

/** An MQTT client's event as the service sends it: `ce-subprotocol: mqtt` and the MQTT ids. */
function postMqtt(e: UpstreamEvent & { session?: string | null; physical?: string }) {
  const headers: Record<string, string> = {
    'ce-subprotocol': 'mqtt',
    'ce-physicalConnectionId': e.physical ?? randomUUID(),
    ...(e.session ? { 'ce-sessionId': e.session } : {}),
    ...e.headers,
  };
  return stack.post({ ...e, headers });
}

const connectBody = (mqtt: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    claims: { sub: ['dev1'] },
    query: {},
    headers: { Connection: ['Upgrade'] },
    subprotocols: ['mqtt'],
    clientCertificates: [],
    mqtt,
    ...extra,
  });

/** Connect whose function returns `reply` (through the `reply` query parameter). */
const connectReplying = (reply: unknown, connectionId = uniqueName('dev')) =>
  postMqtt({
    event: 'connect',
    connectionId,
    body: connectBody(
      { protocolVersion: 5, username: null, password: null, userProperties: null },
      { query: { reply: [JSON.stringify(reply)] } },
    ),
  });

const logged = async (connectionId: string, event: string) => {
  const entries = await stack.log(connectionId);
  const entry = entries.find((e: LogEntry) => e.event === event);
  if (!entry) throw new Error(`no ${event} for ${connectionId}: ${JSON.stringify(entries)}`);
  return entry as LogEntry & { request: Record<string, unknown>; metadata?: unknown };
};

describe('routing', () => {
  it('sends MQTT clients to the mqtt functions and other clients to those for all protocols', async () => {
    const device = uniqueName('dev');
    const mqttBody = connectBody({ protocolVersion: 4 });
    expect(
      (await postMqtt({ event: 'connect', connectionId: device, body: mqttBody })).status,
    ).toBe(200);
    expect((await logged(device, 'mqtt-connect')).event).toBe('mqtt-connect');
    // Without ce-physicalConnectionId, or with another subprotocol, it is not an MQTT event.
    const plain = uniqueName('plain');
    await stack.post({
      event: 'connect',
      connectionId: plain,
      headers: { 'ce-subprotocol': 'mqtt' },
      body: mqttBody,
    });
    const other = uniqueName('other');
    await postMqtt({
      event: 'connect',
      connectionId: other,
      headers: { 'ce-subprotocol': 'json.webpubsub.azure.v1' },
      body: mqttBody,
    });
    for (const id of [plain, other]) {
      expect((await stack.log(id)).map((e) => e.event)).toEqual(['connect']);
    }
  });
});

describe('the request an MQTT function receives', () => {
  it('connect: MqttConnectEventRequest, with the MQTT connection context', async () => {
    const device = uniqueName('dev');
    const physical = randomUUID();
    const res = await postMqtt({
      event: 'connect',
      connectionId: device,
      physical,
      body: connectBody(
        {
          protocolVersion: 5,
          cleanStart: true,
          username: 'dev-user',
          password: Buffer.from('s3cret').toString('base64'),
          userProperties: [{ name: 'model', value: 'T-1000' }],
        },
        { subprotocols: ['something-else'] },
      ),
    });
    expect(res.status).toBe(200);
    const { request, metadata } = await logged(device, 'mqtt-connect');
    expect(request.mqtt).toEqual({
      protocolVersion: 5,
      username: 'dev-user',
      password: Buffer.from('s3cret').toString('base64'),
      userProperties: [{ name: 'model', value: 'T-1000' }],
    });
    // MqttConnectEventRequest always says ["mqtt"]; cleanStart is not among MqttConnectProperties.
    expect(request.subprotocols).toEqual(['mqtt']);
    expect(request.claims).toEqual({ sub: ['dev1'] });
    expect(request.connectionContext).toMatchObject({
      eventType: 'System',
      eventName: 'connect',
      connectionId: device,
      physicalConnectionId: physical,
      sessionId: null,
    });
    // The library camel-cases the trigger metadata; the request is there too.
    expect((metadata as { request: { mqtt: unknown } }).request.mqtt).toEqual(request.mqtt);
  });

  it('connected: the session id of the new session', async () => {
    const device = uniqueName('dev');
    const session = randomUUID();
    await postMqtt({ event: 'connected', connectionId: device, session, body: '{}' });
    const { request } = await logged(device, 'mqtt-connected');
    const ctx = request.connectionContext as MqttContext;
    expect([ctx.eventName, ctx.sessionId]).toEqual(['connected', session]);
    expect(ctx.physicalConnectionId).toEqual(expect.any(String));
  });

  it('disconnected: the reason and the MQTT disconnection (MqttDisconnectedEventRequest)', async () => {
    const cases = [
      {
        body: {
          reason: 'bye',
          mqtt: {
            initiatedByClient: true,
            disconnectPacket: { code: 4, userProperties: [{ name: 'why', value: 'update' }] },
          },
        },
        mqtt: {
          initiatedByClient: true,
          disconnectPacket: { code: 4, userProperties: [{ name: 'why', value: 'update' }] },
        },
      },
      {
        body: { reason: null, mqtt: { initiatedByClient: false, disconnectPacket: null } },
        mqtt: { initiatedByClient: false, disconnectPacket: null },
      },
      { body: { reason: 'gone' }, mqtt: null },
    ];
    for (const c of cases) {
      const device = uniqueName('dev');
      const res = await postMqtt({
        event: 'disconnected',
        connectionId: device,
        session: randomUUID(),
        body: JSON.stringify(c.body),
      });
      expect(res.status).toBe(200);
      const { request, metadata } = await logged(device, 'mqtt-disconnected');
      expect(request.mqtt).toEqual(c.mqtt);
      expect(request.reason).toBe(c.body.reason ?? null);
      expect((metadata as { reason?: string }).reason).toBe(c.body.reason ?? undefined);
    }
  });

  it('the webPubSubContext input reads an MQTT event in the plain shape, as the extension does', async () => {
    const res = await fetch(`${stack.host().url}/api/wps/handler`, {
      method: 'POST',
      headers: {
        'ce-specversion': '1.0',
        'ce-type': 'azure.webpubsub.sys.connect',
        'ce-hub': 'chat',
        'ce-connectionId': 'dev9',
        'ce-eventName': 'connect',
        'ce-subprotocol': 'mqtt',
        'ce-physicalConnectionId': 'p9',
        'ce-signature': stack.signature('dev9'),
        'WebHook-Request-Origin': 'localhost',
        'content-type': 'application/json',
      },
      body: connectBody({ protocolVersion: 4 }),
    });
    const { request } = (await res.json()) as { request: Record<string, unknown> };
    expect(request.mqtt).toBeUndefined();
    expect(request.connectionContext).not.toHaveProperty('physicalConnectionId');
  });
});

describe('bad MQTT bodies: 500, and the host goes on', () => {
  it.each([
    ['no protocolVersion', { username: 'x' }],
    ['a username that is no string', { protocolVersion: 4, username: 7 }],
    ['user properties that are no list', { protocolVersion: 5, userProperties: { a: 'b' } }],
    ['mqtt that is no object', 'mqtt'],
  ])('connect with %s', async (_name, mqtt) => {
    const device = uniqueName('dev');
    const res = await postMqtt({ event: 'connect', connectionId: device, body: connectBody(mqtt) });
    expect(res.status).toBe(500);
    expect(await stack.log(device)).toEqual([]);
  });

  it('disconnected with a disconnect packet without a code', async () => {
    const body = JSON.stringify({ mqtt: { initiatedByClient: true, disconnectPacket: {} } });
    const res = await postMqtt({ event: 'disconnected', connectionId: uniqueName('d'), body });
    expect(res.status).toBe(500);
    expect((await connectReplying({ userId: 'still-fine' })).status).toBe(200);
  });
});

describe('MQTT connect answers', () => {
  it('accepts with the connect fields and the CONNACK user properties (MqttConnectEventResponse)', async () => {
    const res = await connectReplying({
      userId: 'dev1',
      roles: ['webpubsub.sendToGroup.telemetry'],
      mqtt: { userProperties: [{ name: 'region', value: 'eu' }], ignored: true },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({
      userId: 'dev1',
      groups: null,
      subprotocol: null,
      roles: ['webpubsub.sendToGroup.telemetry'],
      mqtt: { userProperties: [{ name: 'region', value: 'eu' }] },
    });
  });

  it('keeps `mqtt: null` when the function gives none', async () => {
    const res = await connectReplying({ userId: 'dev1' });
    expect(await res.json()).toMatchObject({ userId: 'dev1', mqtt: null });
  });

  it.each([
    // MQTT 3.1.1 return codes (FromMqttV311ConnectReturnCode → WebPubSubErrorCode → status).
    [1, 400],
    [2, 400],
    [3, 500],
    [4, 400],
    [5, 401],
    // MQTT 5.0 reason codes (FromMqttV500ConnectReasonCode).
    [0x87, 401],
    [0x86, 400],
    [0x85, 400],
    [0x8a, 400],
    [0x88, 500],
    [0x97, 500],
  ])('refuses with CONNACK code %i: HTTP %i and the code in the body', async (code, status) => {
    const res = await connectReplying({
      mqtt: { code, reason: 'go away', userProperties: [{ name: 'retry', value: 'never' }] },
      userId: 'ignored',
    });
    expect(res.status).toBe(status);
    const body = (await res.json()) as MqttConnectErrorResponse;
    expect(body).toEqual({
      mqtt: { code, reason: 'go away', userProperties: [{ name: 'retry', value: 'never' }] },
    });
  });

  it('writes reason and user properties as null when the function leaves them out', async () => {
    const res = await connectReplying({ mqtt: { code: 0x87 } });
    expect([res.status, await res.json()]).toEqual([
      401,
      { mqtt: { code: 0x87, reason: null, userProperties: null } },
    ]);
  });

  it.each([
    ['unspecified error 0x80', { mqtt: { code: 0x80 } }],
    ['protocol error 0x82', { mqtt: { code: 0x82 } }],
    ['accepted (0) is no refusal', { mqtt: { code: 0 } }],
    ['a code that is no number', { mqtt: { code: 'no' } }],
    ['a plain Web PubSub error for an MQTT client', { code: 'unauthorized', errorMessage: 'x' }],
  ])('answers 500 for %s, as the extension fails to convert it', async (_name, reply) => {
    const res = await connectReplying(reply);
    expect(res.status).toBe(500);
    expect((await res.text()).length).toBeGreaterThan(0);
  });

  it('reads `{ mqtt: { code } }` from a function for a Web PubSub client as a plain error', async () => {
    const res = await stack.post({
      event: 'connect',
      body: JSON.stringify({
        query: { reply: [JSON.stringify({ mqtt: { code: 0x87 }, errorMessage: 'no' })] },
      }),
    });
    expect([res.status, await res.text()]).toEqual([401, 'no']);
  });
});
