// MQTT sessions as the service keeps them: a session (a Web PubSub connection, id = client id)
// outlives its connection for its expiry interval, at most 30 s (5.0 Session Expiry Interval;
// 3.1.1 clean session 0), keeps its subscriptions and QoS 1 messages, and a new connection with
// the same client id takes it over (resume) or replaces it (clean start).
// Sources: azure-docs overview-mqtt.md (persistent sessions up to 30 s), mqtt-term-mappings.md,
// reference-mqtt-cloud-events.md (a resumed session keeps its user, groups and roles).
import { WebPubSubServiceClient } from '@azure/web-pubsub';
import { InspectorClient } from '@wps-local/emulator';
import { MQTT_V5_REASON_CODES as V5 } from '@wps-local/wire';
import { afterEach, describe, expect, it } from 'vitest';

import { uniqueName, useEmulator } from '../setup/emulator';
import type { MqttPeer, MqttVersion } from '../setup/mqtt';
import { clientId, connectMqtt, endAll, mqttUrl, VERSIONS } from '../setup/mqtt';

const HUB = 'sessions';
const ALL = ['webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup'];

describe('MQTT sessions', () => {
  const emulator = useEmulator();
  const service = () =>
    new WebPubSubServiceClient(emulator().connectionString, HUB, { allowInsecureConnection: true });
  const peers: MqttPeer[] = [];
  const track = (p: MqttPeer) => (peers.push(p), p);
  afterEach(async () => {
    await endAll(...peers.splice(0));
  });

  /** Options for a session that outlives its connection. */
  const persistent = (version: MqttVersion) =>
    version === 5 ? { clean: false, properties: { sessionExpiryInterval: 20 } } : { clean: false };

  for (const version of VERSIONS) {
    describe(`MQTT ${version === 5 ? '5.0' : '3.1.1'}`, () => {
      it('resumes a session: subscriptions kept, QoS 1 messages sent while away delivered', async () => {
        const id = clientId();
        const topic = uniqueName('room');
        const url = await mqttUrl(service(), { roles: ALL, userId: 'keeper' });
        const first = await connectMqtt(url, version, { clientId: id, ...persistent(version) });
        await first.client.subscribeAsync(topic, { qos: 1 });
        first.client.stream.destroy(); // the network drops
        await first.closed;
        await service().group(topic).sendToAll('while away', { contentType: 'text/plain' });
        expect(await service().connectionExists(id)).toBe(true); // the session is still there

        const again = track(
          await connectMqtt(url, version, { clientId: id, ...persistent(version) }),
        );
        expect(again.connack.sessionPresent).toBe(true);
        const got = await again.messages.next();
        expect([got.topic, got.payload.toString()]).toEqual([topic, 'while away']);
        await service().group(topic).sendToAll('after', { contentType: 'text/plain' });
        expect((await again.messages.next()).payload.toString()).toBe('after');
      });

      it('starts afresh with clean start: no session present, old subscriptions gone', async () => {
        const id = clientId();
        const topic = uniqueName('room');
        const url = await mqttUrl(service(), { roles: ALL });
        const first = await connectMqtt(url, version, { clientId: id, ...persistent(version) });
        await first.client.subscribeAsync(topic);
        first.client.stream.destroy();
        await first.closed;
        const fresh = track(await connectMqtt(url, version, { clientId: id, clean: true }));
        expect(fresh.connack.sessionPresent).toBe(false);
        expect(await service().groupExists(topic)).toBe(false);
      });

      it('ends a session without expiry with its connection', async () => {
        const id = clientId();
        const p = await connectMqtt(await mqttUrl(service()), version, { clientId: id });
        expect(await service().connectionExists(id)).toBe(true);
        await p.client.endAsync();
        await p.closed;
        await expect.poll(() => service().connectionExists(id)).toBe(false);
      });
    });
  }

  it('takes over a live session: the old 5.0 connection gets DISCONNECT "session taken over"', async () => {
    const id = clientId();
    const url = await mqttUrl(service(), { roles: ALL });
    const old = await connectMqtt(url, 5, { clientId: id, ...persistent(5) });
    const now = track(await connectMqtt(url, 5, { clientId: id, ...persistent(5) }));
    expect(now.connack.sessionPresent).toBe(true);
    expect(await old.packets.next((p) => p.cmd === 'disconnect')).toMatchObject({
      reasonCode: V5.sessionTakenOver,
    });
    await old.closed;
    expect(await service().connectionExists(id)).toBe(true);
  });

  it('caps the session expiry at 30 s and says so in the 5.0 CONNACK', async () => {
    const p = track(
      await connectMqtt(await mqttUrl(service()), 5, {
        clean: false,
        properties: { sessionExpiryInterval: 3600 },
      }),
    );
    expect(p.connack.properties?.sessionExpiryInterval).toBe(30);
  });

  it('ends a REST-closed session: 5.0 DISCONNECT "administrative action" with the reason', async () => {
    const id = clientId();
    const p = await connectMqtt(await mqttUrl(service()), 5, { clientId: id, ...persistent(5) });
    await service().closeConnection(id, { reason: 'maintenance' });
    expect(await p.packets.next((x) => x.cmd === 'disconnect')).toMatchObject({
      reasonCode: V5.administrativeAction,
      properties: { reasonString: 'maintenance' },
    });
    await p.closed;
    expect(await service().connectionExists(id)).toBe(false);
  });

  it('is listed by the inspector with its user, groups and subprotocol mqtt', async () => {
    const id = clientId();
    const topic = uniqueName('room');
    const url = await mqttUrl(service(), { roles: ALL, userId: 'inspected' });
    const p = track(await connectMqtt(url, 5, { clientId: id }));
    await p.client.subscribeAsync(topic);
    const state = await new InspectorClient(emulator().inspectorUrl!).state();
    const listed = state.hubs.flatMap((h) => h.connections).find((c) => c.id === id);
    expect(listed).toMatchObject({ userId: 'inspected', subprotocol: 'mqtt', groups: [topic] });
  });
});
