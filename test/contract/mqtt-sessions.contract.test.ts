// MQTT sessions as the service keeps them: a session (a Web PubSub connection, id = client id)
// outlives its connection for its expiry interval, at most 30 s (5.0 Session Expiry Interval;
// 3.1.1 clean session 0), keeps its subscriptions and QoS 1 messages, and a new connection with
// the same client id takes it over (resume) or replaces it (clean start).
// A connection that ends abnormally publishes its will (at once, or after its 5.0 delay).
// Sources: azure-docs overview-mqtt.md (persistent sessions up to 30 s, wills), mqtt-term-mappings.md,
// reference-mqtt-cloud-events.md (a resumed session keeps its user, groups and roles).
import { WebPubSubServiceClient } from '@azure/web-pubsub';
import { InspectorClient } from '@wps-local/emulator';
import { MQTT_V5_REASON_CODES as V5 } from '@wps-local/wire';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { uniqueName, useEmulator } from '../setup/emulator';
import type { MqttPeer, MqttVersion } from '../setup/mqtt';
import { clientId, connectMqtt, endAll, mqttUrl, openRawMqtt, VERSIONS } from '../setup/mqtt';

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

  it('sends unfinished messages again on resume: QoS 1 with DUP, a released QoS 2 as PUBREL', async () => {
    const id = clientId();
    const [t1, t2] = [uniqueName('q1'), uniqueName('q2')];
    const url = await mqttUrl(service(), { roles: ALL });
    const connect = {
      cmd: 'connect',
      clientId: id,
      protocolVersion: 5,
      clean: false,
      keepalive: 60,
      properties: { sessionExpiryInterval: 20 },
    } as const;
    const first = await openRawMqtt(url);
    first.send(connect);
    await first.packets.next((p) => p.cmd === 'connack');
    first.send({
      cmd: 'subscribe',
      messageId: 1,
      subscriptions: [
        { topic: t1, qos: 1 },
        { topic: t2, qos: 2 },
      ],
    });
    await first.packets.next((p) => p.cmd === 'suback');
    const sender = track(await connectMqtt(url, 5));
    await sender.client.publishAsync(t1, 'one', { qos: 1 });
    await sender.client.publishAsync(t2, 'two', { qos: 2 });
    const q1 = await first.packets.next((p) => p.cmd === 'publish' && p.topic === t1);
    const q2 = await first.packets.next((p) => p.cmd === 'publish' && p.topic === t2);
    first.send({ cmd: 'pubrec', messageId: q2.messageId! }); // QoS 2 half done; QoS 1 never acked
    await first.packets.next((p) => p.cmd === 'pubrel');
    first.ws.terminate();
    await first.closed;

    const again = await openRawMqtt(url);
    again.send(connect);
    expect(await again.packets.next((p) => p.cmd === 'connack')).toMatchObject({
      sessionPresent: true,
    });
    expect(await again.packets.next((p) => p.cmd === 'publish')).toMatchObject({
      topic: t1,
      dup: true,
      messageId: q1.messageId,
    });
    expect(await again.packets.next((p) => p.cmd === 'pubrel')).toMatchObject({
      messageId: q2.messageId,
    });
    again.send({ cmd: 'puback', messageId: q1.messageId! });
    again.send({ cmd: 'pubcomp', messageId: q2.messageId! });
    again.ws.close();
  });

  it('drops queued messages whose 5.0 Message Expiry Interval ran out, and sends what is left of the others', async () => {
    const id = clientId();
    const topic = uniqueName('room');
    const url = await mqttUrl(service(), { roles: ALL });
    const first = await connectMqtt(url, 5, { clientId: id, ...persistent(5) });
    await first.client.subscribeAsync(topic, { qos: 1 });
    first.client.stream.destroy();
    await first.closed;
    const sender = track(await connectMqtt(url, 5));
    const expiring = (seconds: number) => ({
      qos: 1 as const,
      properties: { messageExpiryInterval: seconds },
    });
    await sender.client.publishAsync(topic, 'short-lived', expiring(2));
    await sender.client.publishAsync(topic, 'long-lived', expiring(60));
    // Three seconds pass for the emulator (same process): only Date moves, timers run as usual.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 3000 });
    try {
      const again = track(await connectMqtt(url, 5, { clientId: id, ...persistent(5) }));
      const got = await again.messages.next();
      expect(got.payload.toString()).toBe('long-lived');
      const left = got.packet.properties?.messageExpiryInterval ?? 0;
      expect(left).toBeLessThanOrEqual(57); // three seconds at least were spent queued
      expect(left).toBeGreaterThan(40);
    } finally {
      vi.useRealTimers();
    }
  });

  it('publishes the will of a connection that drops, not of one that disconnects', async () => {
    const topic = uniqueName('wills');
    const watcher = track(await connectMqtt(await mqttUrl(service(), { roles: ALL }), 5));
    await watcher.client.subscribeAsync(topic, { qos: 1 });
    const url = await mqttUrl(service(), { roles: ALL });
    const will = { topic, payload: Buffer.from('gone'), qos: 1 as const, retain: false };
    const polite = await connectMqtt(url, 4, { will: { ...will, payload: Buffer.from('polite') } });
    await polite.client.endAsync();
    const rude = await connectMqtt(url, 5, { will });
    rude.client.stream.destroy(); // the network fails: no DISCONNECT
    const got = await watcher.messages.next();
    expect(got.payload.toString()).toBe('gone');
    // Nothing more: a REST send to the watcher is the very next message.
    await service().sendToConnection(watcher.clientId, 'sentinel', { contentType: 'text/plain' });
    expect((await watcher.messages.next()).payload.toString()).toBe('sentinel');
  });

  it('holds a 5.0 will for its delay, and drops it when the session resumes in time', async () => {
    const topic = uniqueName('wills');
    const watcher = track(await connectMqtt(await mqttUrl(service(), { roles: ALL }), 5));
    await watcher.client.subscribeAsync(topic, { qos: 1 });
    const url = await mqttUrl(service(), { roles: ALL });
    const delayed = (payload: string) => ({
      clean: false,
      properties: { sessionExpiryInterval: 20 },
      will: {
        topic,
        payload: Buffer.from(payload),
        qos: 1 as const,
        retain: false,
        properties: { willDelayInterval: 1 },
      },
    });
    // A drops and comes back at once: its will must never go.
    const idA = clientId();
    const a = await connectMqtt(url, 5, { clientId: idA, ...delayed('will of a') });
    a.client.stream.destroy();
    await a.closed;
    const back = await connectMqtt(url, 5, {
      clientId: idA,
      clean: false,
      properties: { sessionExpiryInterval: 20 },
    });
    track(back);
    expect(back.connack.sessionPresent).toBe(true);
    // B drops later and stays away: its will comes after the same delay, so A's would be first.
    const b = await connectMqtt(url, 5, delayed('will of b'));
    b.client.stream.destroy();
    expect((await watcher.messages.next()).payload.toString()).toBe('will of b');
  });
});
