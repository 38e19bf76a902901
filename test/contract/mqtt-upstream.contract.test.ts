// The upstream events of MQTT clients, judged by the official @azure/web-pubsub-express 1.1.0
// handler: `connect` with the CONNECT packet's MQTT properties (the handler sees an MQTT request),
// MQTT-specific success and failure answers (CONNACK user properties, reason codes and strings),
// `connected` once per new session, `disconnected` with the MQTT disconnect details, and requests
// on `$webpubsub/server/events/{event}`.
// Sources: azure-docs reference-mqtt-cloud-events.md; express 1.1.0 cloudEventsProtocols.d.ts and
// cloudEventsDispatcher.js (MQTT is recognised by ce-subprotocol mqtt + ce-physicalConnectionId).
import { WebPubSubServiceClient } from '@azure/web-pubsub';
import type {
  ConnectedRequest,
  ConnectRequest,
  DisconnectedRequest,
  MqttConnectRequest,
  MqttDisconnectedRequest,
  UserEventRequest,
} from '@azure/web-pubsub-express';
import type { RunningEmulator } from '@wps-local/emulator';
import { startEmulator } from '@wps-local/emulator';
import {
  MQTT_V5_REASON_CODES as V5,
  MQTT_V311_CONNECT_RETURN_CODES as V311,
} from '@wps-local/wire';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { conditionWaiter } from '../setup/condition';
import type { MqttPeer } from '../setup/mqtt';
import { clientId, connackCode, connectMqtt, endAll, mqttUrl, tryConnect } from '../setup/mqtt';
import type { TestUpstream } from '../setup/upstream';
import { startExpressUpstream } from '../setup/upstream';

const HUB = 'iot';

describe('MQTT client events through @azure/web-pubsub-express', () => {
  let emulator: RunningEmulator;
  let upstream: TestUpstream & { badSignatures: number };
  const connects: MqttConnectRequest[] = [];
  const connected: ConnectedRequest[] = [];
  const disconnected: MqttDisconnectedRequest[] = [];
  const userEvents: UserEventRequest[] = [];
  const { changed, until } = conditionWaiter();
  const peers: MqttPeer[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, logLevel: 'silent', upstreamRetryDelaysMs: [10] });
    upstream = await startExpressUpstream(HUB, emulator.accessKey, {
      allowedEndpoints: [emulator.url],
      handleConnect(req: ConnectRequest, res) {
        const mqttReq = req as MqttConnectRequest;
        connects.push(mqttReq);
        const user = mqttReq.mqtt?.username;
        if (user === 'banned') {
          return res.failWith({
            mqtt: {
              code: V5.banned,
              reason: 'banned by server',
              userProperties: [{ name: 'why', value: 'abuse' }],
            },
          });
        }
        if (user === 'old-banned') return res.failWith({ mqtt: { code: V311.notAuthorized } });
        if (user === 'nobody') return res.fail(401, 'who are you');
        const password = Buffer.from(mqttReq.mqtt?.password ?? '', 'base64').toString();
        res.setState('device', user ?? 'anonymous');
        res.success({
          userId: password === 'secret' ? `device-${user}` : undefined,
          roles: ['webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup'],
          groups: ['fleet'],
          mqtt: { userProperties: [{ name: 'welcome', value: 'yes' }] },
        });
      },
      onConnected(req) {
        connected.push(req);
        changed();
      },
      onDisconnected(req: DisconnectedRequest) {
        disconnected.push(req as MqttDisconnectedRequest);
        changed();
      },
      handleUserEvent(req, res) {
        userEvents.push(req);
        if (req.context.eventName === 'fail') return res.fail(500, 'boom');
        res.success(`echo:${String(req.data)}:${String(req.context.states.device)}`, 'text');
      },
    });
    emulator.configureHub(HUB, {
      eventHandlers: [
        {
          urlTemplate: upstream.url,
          userEventPattern: '*',
          systemEvents: ['connect', 'connected', 'disconnected'],
        },
      ],
    });
  });
  afterEach(async () => {
    await endAll(...peers.splice(0));
  });
  afterAll(async () => {
    await emulator.close();
    await upstream.close();
  });

  const service = () =>
    new WebPubSubServiceClient(emulator.connectionString, HUB, { allowInsecureConnection: true });
  const url = () => mqttUrl(service());

  it('sends connect with the MQTT properties; the handler sees an MQTT request', async () => {
    const id = clientId();
    const peer = await connectMqtt(await url(), 5, {
      clientId: id,
      username: 'thermo',
      password: Buffer.from('secret'),
      properties: { userProperties: { model: 'T1000' } },
    });
    peers.push(peer);
    const req = connects.find((c) => c.context.connectionId === id)!;
    expect(req.context).toMatchObject({ clientProtocol: 'mqtt', hub: HUB, connectionId: id });
    const headers = upstream.requests.find(
      (r) => r.headers['ce-connectionid'] === id && r.headers['ce-eventname'] === 'connect',
    )!.headers;
    const physical = String(headers['ce-physicalconnectionid']);
    expect(headers).toMatchObject({
      'ce-subprotocol': 'mqtt',
      'ce-source': `/hubs/${HUB}/client/${id}/${physical}`,
    });
    expect(headers['ce-sessionid']).toBeUndefined(); // no session yet at connect
    expect(req.context.mqtt?.physicalConnectionId).toBe(physical);
    expect(req.mqtt).toEqual({
      protocolVersion: 5,
      cleanStart: true,
      username: 'thermo',
      password: Buffer.from('secret').toString('base64'),
      userProperties: [{ name: 'model', value: 'T1000' }],
    });
    expect(req.subprotocols).toEqual(['mqtt']);
    // The success answer: user, roles, groups, state, and CONNACK user properties.
    expect(peer.connack.properties?.userProperties).toEqual({ welcome: 'yes' });
    expect(await service().userExists('device-thermo')).toBe(true);
    await peer.client.publishAsync('fleet', 'ok', { qos: 1 });
    expect((await peer.messages.next()).topic).toBe('fleet');
    expect(upstream.badSignatures).toBe(0);
  });

  it('sends connected with the session id, once per new session', async () => {
    const id = clientId();
    const peer = await connectMqtt(await url(), 4, { clientId: id, username: 'v4' });
    peers.push(peer);
    await until(() => connected.some((c) => c.context.connectionId === id));
    const req = connected.find((c) => c.context.connectionId === id)!;
    expect(req.context.clientProtocol).toBe('mqtt');
    expect(req.context.mqtt?.sessionId).toEqual(expect.any(String));
    expect(connects.find((c) => c.context.connectionId === id)?.mqtt.protocolVersion).toBe(4);
  });

  it("refuses with the handler's MQTT code, reason string and user properties (5.0)", async () => {
    const id = clientId();
    const { connack, peer } = await tryConnect(await url(), 5, {
      clientId: id,
      username: 'banned',
    });
    expect(peer).toBeUndefined();
    expect(connackCode(connack)).toBe(V5.banned);
    expect(connack?.properties).toMatchObject({
      reasonString: 'banned by server',
      userProperties: { why: 'abuse' },
    });
    expect(connected.some((c) => c.context.connectionId === id)).toBe(false);
  });

  it("refuses 3.1.1 clients with the handler's return code", async () => {
    const { connack } = await tryConnect(await url(), 4, { username: 'old-banned' });
    expect(connackCode(connack)).toBe(V311.notAuthorized);
  });

  it('maps a plain fail(401) to "not authorized" in both versions', async () => {
    const v5 = await tryConnect(await url(), 5, { username: 'nobody' });
    expect(connackCode(v5.connack)).toBe(V5.notAuthorized);
    expect(v5.connack?.properties?.reasonString).toBe('who are you');
    const v4 = await tryConnect(await url(), 4, { username: 'nobody' });
    expect(connackCode(v4.connack)).toBe(V311.notAuthorized);
  });

  it('sends disconnected with the client DISCONNECT: code, user properties, reason', async () => {
    const id = clientId();
    const peer = await connectMqtt(await url(), 5, { clientId: id, username: 'leaver' });
    await peer.client.endAsync(false, {
      reasonCode: V5.disconnectWithWillMessage,
      properties: { reasonString: 'battery low', userProperties: { level: '3%' } },
    });
    await until(() => disconnected.some((d) => d.context.connectionId === id));
    const req = disconnected.find((d) => d.context.connectionId === id)!;
    expect(req.context.mqtt?.sessionId).toEqual(expect.any(String));
    expect(req.reason).toBe('battery low');
    expect(req.mqtt).toEqual({
      initiatedByClient: true,
      disconnectPacket: {
        code: V5.disconnectWithWillMessage,
        userProperties: [{ name: 'level', value: '3%' }],
      },
    });
  });

  it('sends disconnected without a DISCONNECT packet when the network drops, code 0 for 3.1.1', async () => {
    const [dropped, polite] = [clientId(), clientId()];
    const a = await connectMqtt(await url(), 4, { clientId: dropped, username: 'a' });
    a.client.stream.destroy();
    const b = await connectMqtt(await url(), 4, { clientId: polite, username: 'b' });
    await b.client.endAsync();
    await until(() =>
      [dropped, polite].every((id) => disconnected.some((d) => d.context.connectionId === id)),
    );
    const byId = (id: string) => disconnected.find((d) => d.context.connectionId === id)!;
    expect(byId(dropped).mqtt).toEqual({ initiatedByClient: false, disconnectPacket: null });
    expect(byId(polite).mqtt).toEqual({
      initiatedByClient: true,
      disconnectPacket: { code: 0, userProperties: null },
    });
  });

  it('sends disconnected when the service ends the session (REST close): DISCONNECT 0x98 for 5.0', async () => {
    const id = clientId();
    await connectMqtt(await url(), 5, { clientId: id, username: 'closed' });
    await service().closeConnection(id, { reason: 'decommissioned' });
    await until(() => disconnected.some((d) => d.context.connectionId === id));
    const req = disconnected.find((d) => d.context.connectionId === id)!;
    expect(req.reason).toBe('decommissioned');
    expect(req.mqtt).toEqual({
      initiatedByClient: false,
      disconnectPacket: { code: V5.administrativeAction, userProperties: null },
    });
  });

  it('turns a publish to $webpubsub/server/events/{event} into a user event and answers on /succeeded or /failed', async () => {
    const id = clientId();
    const peer = await connectMqtt(await url(), 5, { clientId: id, username: 'asker' });
    peers.push(peer);
    await peer.client.publishAsync('$webpubsub/server/events/echo', 'ping', {
      qos: 1,
      properties: { contentType: 'text/plain', correlationData: Buffer.from('r1') },
    });
    const reply = await peer.messages.next();
    expect(reply.topic).toBe('$webpubsub/server/events/echo/succeeded');
    expect(reply.payload.toString()).toBe('echo:ping:asker');
    expect(reply.packet.properties).toMatchObject({
      correlationData: Buffer.from('r1'),
      contentType: 'text/plain',
      userProperties: { 'azure-status-code': '200' },
    });
    const event = userEvents.find((e) => e.context.connectionId === id)!;
    expect(event).toMatchObject({ dataType: 'text', data: 'ping' });
    await peer.client.publishAsync('$webpubsub/server/events/fail', 'x', { qos: 0 });
    const failed = await peer.messages.next();
    expect(failed.topic).toBe('$webpubsub/server/events/fail/failed');
    expect(failed.packet.properties?.userProperties).toEqual({ 'azure-status-code': '500' });
  });
});
