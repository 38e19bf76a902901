// MQTT clients connecting to the emulator with the real `mqtt` client, 5.0 and 3.1.1: the endpoint,
// its authentication (SDK-minted tokens in the URL or the Authorization header, the anonymous
// policy), the WebSocket subprotocol, and CONNECT refused the way the service refuses it.
// Sources: azure-docs howto-connect-mqtt-websocket-client.md, includes/mqtt-connection-parameters.md,
// overview-mqtt.md; @azure/web-pubsub 1.2.0 (clientProtocol 'mqtt': path and audience).
import { WebPubSubServiceClient } from '@azure/web-pubsub';
import {
  MQTT_V5_REASON_CODES as V5,
  MQTT_V311_CONNECT_RETURN_CODES as V311,
} from '@wps-local/wire';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { useEmulator } from '../setup/emulator';
import type { MqttPeer } from '../setup/mqtt';
import {
  clientId,
  connackCode,
  connectMqtt,
  connectPacket,
  endAll,
  mqttUrl,
  openRawMqtt,
  tryConnect,
  VERSIONS,
} from '../setup/mqtt';

const HUB = 'devices';
const OPEN_HUB = 'lobby';

describe('MQTT connections', () => {
  const emulator = useEmulator({ hubs: { [OPEN_HUB]: { anonymousConnectPolicy: 'allow' } } });
  const service = (hub = HUB) =>
    new WebPubSubServiceClient(emulator().connectionString, hub, { allowInsecureConnection: true });
  const peers: MqttPeer[] = [];
  const track = (p: MqttPeer) => (peers.push(p), p);
  afterEach(async () => {
    await endAll(...peers.splice(0));
  });

  it('mints MQTT URLs at /clients/mqtt/hubs/{hub} with the MQTT audience', async () => {
    const url = new URL(await mqttUrl(service()));
    expect(url.pathname).toBe(`/clients/mqtt/hubs/${HUB}`);
    expect(url.protocol).toBe('ws:');
  });

  for (const version of VERSIONS) {
    describe(`MQTT ${version === 5 ? '5.0' : '3.1.1'}`, () => {
      it('connects with a token from getClientAccessToken({ clientProtocol: "mqtt" })', async () => {
        const peer = track(await connectMqtt(await mqttUrl(service(), { userId: 'u1' }), version));
        expect(connackCode(peer.connack)).toBe(0);
        expect(peer.connack.sessionPresent).toBe(false);
        const exists = await service().connectionExists(peer.clientId);
        expect(exists).toBe(true);
        expect(await service().userExists('u1')).toBe(true);
      });

      it('refuses client ids the service does not allow', async () => {
        const url = await mqttUrl(service());
        const { connack, peer } = await tryConnect(url, version, { clientId: 'bad-id_1' });
        expect(peer).toBeUndefined();
        expect(connackCode(connack)).toBe(
          version === 5 ? V5.clientIdentifierNotValid : V311.identifierRejected,
        );
      });
    });
  }

  it('takes the token from the Authorization header too', async () => {
    const { token, baseUrl } = await service().getClientAccessToken({ clientProtocol: 'mqtt' });
    const peer = track(
      await connectMqtt(baseUrl, 5, {
        wsOptions: { headers: { authorization: `Bearer ${token}` } },
      }),
    );
    expect(connackCode(peer.connack)).toBe(0);
  });

  it('refuses the handshake without a token (401), or with a token for /client/hubs (401)', async () => {
    const base = `${emulator().url.replace('http', 'ws')}/clients/mqtt/hubs/${HUB}`;
    await expect(handshakeStatus(base, ['mqtt'])).resolves.toBe(401);
    const { token } = await service().getClientAccessToken(); // the default client audience
    await expect(handshakeStatus(`${base}?access_token=${token}`, ['mqtt'])).resolves.toBe(401);
  });

  it('admits clients without a token on a hub with anonymousConnectPolicy allow', async () => {
    const base = `${emulator().url.replace('http', 'ws')}/clients/mqtt/hubs/${OPEN_HUB}`;
    const peer = track(await connectMqtt(base, 5));
    expect(connackCode(peer.connack)).toBe(0);
  });

  it('answers with the mqtt subprotocol the client offered, and refuses a handshake without one', async () => {
    const url = await mqttUrl(service());
    for (const protocol of ['mqtt', 'mqttv3.1']) {
      const ws = new WebSocket(url, [protocol]);
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      expect(ws.protocol).toBe(protocol);
      ws.close();
    }
    await expect(handshakeStatus(url, [])).resolves.toBe(400);
    await expect(handshakeStatus(url, ['json.webpubsub.azure.v1'])).resolves.toBe(400);
  });

  it('answers 404 outside /clients/mqtt/hubs/{hub}', async () => {
    const url = new URL(await mqttUrl(service()));
    url.pathname = '/clients/mqtt/nowhere';
    await expect(handshakeStatus(url.href, ['mqtt'])).resolves.toBe(404);
  });

  it('assigns a client id to a 5.0 client that sends none', async () => {
    const peer = track(await connectMqtt(await mqttUrl(service()), 5, { clientId: '' }));
    const assigned = peer.connack.properties?.assignedClientIdentifier;
    expect(assigned).toMatch(/^[0-9a-zA-Z]{1,128}$/);
    expect(await service().connectionExists(assigned!)).toBe(true);
  });

  it('advertises what the service does not support in the 5.0 CONNACK', async () => {
    const peer = track(await connectMqtt(await mqttUrl(service()), 5));
    expect(peer.connack.properties).toMatchObject({
      retainAvailable: false,
      wildcardSubscriptionAvailable: false,
      sharedSubscriptionAvailable: false,
      subscriptionIdentifiersAvailable: true,
    });
    expect(peer.connack.properties?.topicAliasMaximum ?? 0).toBe(0);
  });

  it('refuses MQTT 3.1 with "unacceptable protocol version"', async () => {
    const url = await mqttUrl(service());
    const { connack } = await tryConnect(url, 4, { protocolVersion: 3, protocolId: 'MQIsdp' });
    expect(connackCode(connack)).toBe(V311.unacceptableProtocolVersion);
  });

  it('closes a 3.1.1 connection whose keep-alive is outside 1..180 s, without a CONNACK', async () => {
    const url = await mqttUrl(service());
    for (const keepalive of [0, 181]) {
      const { connack, peer } = await tryConnect(url, 4, { keepalive });
      expect(peer).toBeUndefined();
      expect(connack).toBeUndefined();
    }
  });

  it('refuses enhanced authentication (0x8C), retained wills (0x9A) and oversized wills (0x95)', async () => {
    const url = await mqttUrl(service());
    const auth = await tryConnect(url, 5, { properties: { authenticationMethod: 'SCRAM-SHA-1' } });
    expect(connackCode(auth.connack)).toBe(V5.badAuthenticationMethod);
    const retained = await tryConnect(url, 5, {
      will: { topic: 'w', payload: Buffer.from('x'), qos: 0, retain: true },
    });
    expect(connackCode(retained.connack)).toBe(V5.retainNotSupported);
    const big = await tryConnect(url, 5, {
      will: { topic: 'w', payload: Buffer.alloc(2001), qos: 0, retain: false },
    });
    expect(connackCode(big.connack)).toBe(V5.packetTooLarge);
  });

  it('closes a connection whose first packet is not CONNECT, or that is not binary', async () => {
    const url = await mqttUrl(service());
    const first = await openRawMqtt(url);
    first.send({ cmd: 'pingreq' });
    await first.closed;
    expect(first.packets.all).toEqual([]);
    const text = await openRawMqtt(url);
    text.send(Buffer.from('not mqtt'), false);
    await text.closed;
    const garbage = await openRawMqtt(url);
    garbage.send(Buffer.from([0x10, 0x05, 0x00, 0x03, 0x41, 0x42, 0x43])); // a CONNECT that lies
    await garbage.closed;
    expect(garbage.packets.all).toEqual([]);
    // The emulator still serves.
    track(await connectMqtt(url, 5));
  });

  it('answers a second CONNECT, AUTH, an empty SUBSCRIBE or a malformed packet with DISCONNECT (5.0)', async () => {
    const url = await mqttUrl(service());
    const cases: [
      Buffer | Parameters<Awaited<ReturnType<typeof openRawMqtt>>['send']>[0],
      number,
    ][] = [
      [connectPacket(clientId(), 5), V5.protocolError],
      [{ cmd: 'auth', reasonCode: 0x19 }, V5.protocolError],
      [Buffer.from([0x82, 0x03, 0x00, 0x01, 0x00]), V5.protocolError], // SUBSCRIBE, no topics
      [Buffer.from([0x36, 0x03, 0x00, 0x01, 0x61]), V5.malformedPacket], // PUBLISH with QoS 3
    ];
    for (const [packet, code] of cases) {
      const raw = await openRawMqtt(url);
      raw.send(connectPacket(clientId(), 5));
      await raw.packets.next((p) => p.cmd === 'connack');
      raw.send(packet);
      const disconnect = await raw.packets.next((p) => p.cmd === 'disconnect');
      expect(disconnect).toMatchObject({ cmd: 'disconnect', reasonCode: code });
      await raw.closed;
    }
  });

  it('ends a connection that stops talking after 1.5x its keep-alive: DISCONNECT 0x8D on 5.0', async () => {
    const raw = await openRawMqtt(await mqttUrl(service()));
    raw.send(connectPacket(clientId(), 5, 1));
    await raw.packets.next((p) => p.cmd === 'connack');
    const disconnect = await raw.packets.next((p) => p.cmd === 'disconnect');
    expect(disconnect).toMatchObject({ reasonCode: V5.keepAliveTimeout });
    await raw.closed;
  });

  it('keeps a connection that pings', async () => {
    const raw = await openRawMqtt(await mqttUrl(service()));
    raw.send(connectPacket(clientId(), 4, 1));
    await raw.packets.next((p) => p.cmd === 'connack');
    for (let i = 0; i < 3; i++) {
      raw.send({ cmd: 'pingreq' });
      await raw.packets.next((p) => p.cmd === 'pingresp');
    }
    expect(raw.ws.readyState).toBe(WebSocket.OPEN);
    raw.ws.close();
  });
});

function handshakeStatus(url: string, protocols: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols);
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => reject(new Error('the handshake was accepted')));
    ws.on('error', () => undefined);
  });
}
