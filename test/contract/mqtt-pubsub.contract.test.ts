// Topics are groups: MQTT SUBSCRIBE joins, UNSUBSCRIBE leaves, PUBLISH sends to the group, under
// the permissions every client has (webpubsub.joinLeaveGroup*, webpubsub.sendToGroup*, wildcard
// roles), refused with the MQTT reason codes; QoS 0/1/2 in, 0/1 out; MQTT 5.0 properties.
// Sources: azure-docs howto-connect-mqtt-websocket-client.md (permissions), overview-mqtt.md
// (supported and unsupported features), mqtt-term-mappings.md; MQTT 3.1.1 §3.3.5, §3.9.3.
import { WebPubSubServiceClient } from '@azure/web-pubsub';
import { MQTT_V5_REASON_CODES as V5, MQTT_V311_SUBACK_FAILURE } from '@wps-local/wire';
import type { ISubackPacket, IUnsubackPacket } from 'mqtt-packet';
import { afterEach, describe, expect, it } from 'vitest';

import { uniqueName, useEmulator } from '../setup/emulator';
import type { MqttPeer, MqttVersion } from '../setup/mqtt';
import {
  clientId,
  connectMqtt,
  connectPacket,
  endAll,
  mqttUrl,
  openRawMqtt,
  VERSIONS,
} from '../setup/mqtt';

const HUB = 'telemetry';
const ALL = ['webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup'];

describe('MQTT publish and subscribe', () => {
  const emulator = useEmulator();
  const service = () =>
    new WebPubSubServiceClient(emulator().connectionString, HUB, { allowInsecureConnection: true });
  const peers: MqttPeer[] = [];
  const peer = async (version: MqttVersion, roles: string[] = ALL, options = {}) => {
    const p = await connectMqtt(await mqttUrl(service(), { roles }), version, options);
    peers.push(p);
    return p;
  };
  afterEach(async () => {
    await endAll(...peers.splice(0));
  });

  /** Proves `p` got nothing more: a REST send to its connection is the very next message. */
  async function expectNothingMore(p: MqttPeer): Promise<void> {
    const sentinel = uniqueName('sentinel');
    await service().sendToConnection(p.clientId, sentinel, { contentType: 'text/plain' });
    const next = await p.messages.next();
    expect(next.payload.toString()).toBe(sentinel);
  }

  for (const version of VERSIONS) {
    describe(`MQTT ${version === 5 ? '5.0' : '3.1.1'}`, () => {
      it('delivers a publish to the topic subscribers, QoS 0 and 1 (PUBACK)', async () => {
        const topic = uniqueName('room');
        const [a, b] = [await peer(version), await peer(version)];
        await b.client.subscribeAsync(topic, { qos: 1 });
        await a.client.publishAsync(topic, 'q0', { qos: 0 });
        await a.client.publishAsync(topic, 'q1', { qos: 1 });
        const got0 = await b.messages.next();
        const got1 = await b.messages.next();
        expect([got0.topic, got0.payload.toString(), got0.packet.qos]).toEqual([topic, 'q0', 0]);
        expect([got1.topic, got1.payload.toString(), got1.packet.qos]).toEqual([topic, 'q1', 1]);
        const puback = await a.packets.next((p) => p.cmd === 'puback');
        if (version === 5) expect(puback).toMatchObject({ reasonCode: 0 });
      });

      it('takes QoS 2 (PUBREC/PUBREL/PUBCOMP) and delivers it once, at QoS 1', async () => {
        const topic = uniqueName('room');
        const [a, b] = [await peer(version), await peer(version)];
        const suback = await b.client.subscribeAsync(topic, { qos: 2 });
        expect(suback[0]!.qos).toBe(1); // granted at most QoS 1
        await a.client.publishAsync(topic, 'exactly', { qos: 2 });
        await a.packets.next((p) => p.cmd === 'pubcomp');
        const got = await b.messages.next();
        expect([got.payload.toString(), got.packet.qos]).toEqual(['exactly', 1]);
        await expectNothingMore(b);
      });

      it('unsubscribe leaves the group', async () => {
        const topic = uniqueName('room');
        const [a, b] = [await peer(version), await peer(version)];
        await b.client.subscribeAsync(topic);
        expect(await service().groupExists(topic)).toBe(true);
        await b.client.unsubscribeAsync(topic);
        expect(await service().groupExists(topic)).toBe(false);
        await a.client.publishAsync(topic, 'gone', { qos: 1 });
        await expectNothingMore(b);
      });

      it('refuses subscriptions without joinLeaveGroup, wildcard and shared ones', async () => {
        const topic = uniqueName('room');
        const p = await peer(version, ['webpubsub.sendToGroup']);
        p.client.subscribe([topic, 'a/+', 'a/#', '$share/g/t']);
        const suback = (await p.packets.next((x) => x.cmd === 'suback')) as ISubackPacket;
        expect(suback.granted).toEqual(
          version === 5
            ? [
                V5.notAuthorized,
                V5.wildcardSubscriptionsNotSupported,
                V5.wildcardSubscriptionsNotSupported,
                V5.sharedSubscriptionsNotSupported,
              ]
            : [
                MQTT_V311_SUBACK_FAILURE,
                MQTT_V311_SUBACK_FAILURE,
                MQTT_V311_SUBACK_FAILURE,
                MQTT_V311_SUBACK_FAILURE,
              ],
        );
        expect(await service().groupExists(topic)).toBe(false);
      });

      it('drops a publish without sendToGroup: PUBACK "not authorized" on 5.0, a plain PUBACK on 3.1.1', async () => {
        const topic = uniqueName('room');
        const a = await peer(version, ['webpubsub.joinLeaveGroup']);
        const b = await peer(version);
        await b.client.subscribeAsync(topic, { qos: 1 });
        a.client.publish(topic, 'nope', { qos: 1 }, () => undefined);
        const puback = await a.packets.next((p) => p.cmd === 'puback');
        if (version === 5) expect(puback).toMatchObject({ reasonCode: V5.notAuthorized });
        else expect(puback).not.toHaveProperty('reasonCode', V5.notAuthorized);
        await expectNothingMore(b);
      });
    });
  }

  it('honours literal and wildcard roles per topic', async () => {
    const tag = uniqueName('x').replace(/-/g, '');
    const p = await peer(5, [
      `webpubsub.joinLeaveGroup.home${tag}`,
      `webpubsub.joinLeaveGroups.sensors${tag}.*`,
      `webpubsub.sendToGroups.sensors${tag}.*`,
    ]);
    p.client.subscribe([`home${tag}`, `sensors${tag}.t1`, `office${tag}`]);
    const suback = (await p.packets.next((x) => x.cmd === 'suback')) as ISubackPacket;
    expect(suback.granted).toEqual([0, 0, V5.notAuthorized]);
    p.client.publish(`sensors${tag}.t1`, '21.5', { qos: 1 }, () => undefined);
    const got = await p.messages.next();
    expect(got.payload.toString()).toBe('21.5');
    p.client.publish(`home${tag}`, 'no', { qos: 1 }, () => undefined);
    const refused = await p.packets.next(
      (x) => x.cmd === 'puback' && x.reasonCode === V5.notAuthorized,
    );
    expect(refused).toBeDefined();
  });

  it('answers UNSUBSCRIBE per topic on 5.0: success, "no subscription existed"', async () => {
    const topic = uniqueName('room');
    const p = await peer(5);
    await p.client.subscribeAsync(topic);
    p.client.unsubscribe([topic, uniqueName('never')]);
    const unsuback = (await p.packets.next((x) => x.cmd === 'unsuback')) as IUnsubackPacket;
    expect(unsuback.granted).toEqual([0, V5.noSubscriptionExisted]);
  });

  it('carries 5.0 user properties, content type, correlation data and subscription ids between MQTT clients', async () => {
    const topic = uniqueName('room');
    const [a, b] = [await peer(5), await peer(5)];
    await b.client.subscribeAsync(topic, { qos: 1, properties: { subscriptionIdentifier: 7 } });
    await a.client.publishAsync(topic, '{"t":1}', {
      qos: 1,
      properties: {
        contentType: 'application/json',
        userProperties: { site: 'north', unit: ['c', 'f'] },
        correlationData: Buffer.from('c1'),
        responseTopic: 'replies',
      },
    });
    const got = await b.messages.next();
    expect(got.packet.properties).toMatchObject({
      contentType: 'application/json',
      userProperties: { site: 'north', unit: ['c', 'f'] },
      correlationData: Buffer.from('c1'),
      responseTopic: 'replies',
      subscriptionIdentifier: 7,
    });
  });

  it('does not echo to a 5.0 "no local" subscriber, and does to a plain one', async () => {
    const [quiet, loud] = [uniqueName('quiet'), uniqueName('loud')];
    const p = await peer(5);
    await p.client.subscribeAsync(quiet, { qos: 1, nl: true });
    await p.client.subscribeAsync(loud, { qos: 1 });
    await p.client.publishAsync(quiet, 'not back', { qos: 1 });
    await p.client.publishAsync(loud, 'back', { qos: 1 });
    expect((await p.messages.next()).payload.toString()).toBe('back');
  });

  it('refuses a publish with an invalid JSON or text payload on 5.0 (0x99)', async () => {
    const topic = uniqueName('room');
    const p = await peer(5);
    for (const [contentType, payload] of [
      ['application/json', Buffer.from('{nope')],
      ['text/plain', Buffer.from([0xff, 0xfe])],
    ] as const) {
      p.client.publish(topic, payload, { qos: 1, properties: { contentType } }, () => undefined);
      const puback = await p.packets.next((x) => x.cmd === 'puback');
      expect(puback).toMatchObject({ reasonCode: V5.payloadFormatInvalid });
    }
  });

  it('disconnects a 5.0 client that publishes retained (0x9A), with a topic alias (0x94) or a wildcard (0x90)', async () => {
    const url = await mqttUrl(service(), { roles: ALL });
    const cases = [
      [
        { cmd: 'publish', topic: 't', payload: Buffer.from('x'), qos: 0, dup: false, retain: true },
        V5.retainNotSupported,
      ],
      [
        {
          cmd: 'publish',
          topic: 't',
          payload: Buffer.from('x'),
          qos: 0,
          dup: false,
          retain: false,
          properties: { topicAlias: 1 },
        },
        V5.topicAliasInvalid,
      ],
      [
        {
          cmd: 'publish',
          topic: 't/+',
          payload: Buffer.from('x'),
          qos: 0,
          dup: false,
          retain: false,
        },
        V5.topicNameInvalid,
      ],
    ] as const;
    for (const [packet, code] of cases) {
      const raw = await openRawMqtt(url);
      raw.send(connectPacket(clientId(), 5));
      await raw.packets.next((p) => p.cmd === 'connack');
      raw.send(packet);
      expect(await raw.packets.next((p) => p.cmd === 'disconnect')).toMatchObject({
        reasonCode: code,
      });
      await raw.closed;
    }
  });

  it('delivers a 3.1.1 retained publish as a plain message (3.1.1 cannot be told)', async () => {
    const topic = uniqueName('room');
    const [a, b] = [await peer(4), await peer(4)];
    await b.client.subscribeAsync(topic);
    await a.client.publishAsync(topic, 'kept?', { qos: 1, retain: true });
    const got = await b.messages.next();
    expect([got.payload.toString(), got.packet.retain]).toEqual(['kept?', false]);
  });

  it('publishes the will of a connection that drops, not of one that disconnects', async () => {
    const topic = uniqueName('wills');
    const watcher = await peer(5);
    await watcher.client.subscribeAsync(topic, { qos: 1 });
    const url = await mqttUrl(service(), { roles: ALL });
    const will = { topic, payload: Buffer.from('gone'), qos: 1 as const, retain: false };
    const polite = await connectMqtt(url, 4, { will: { ...will, payload: Buffer.from('polite') } });
    await polite.client.endAsync();
    const rude = await connectMqtt(url, 5, { will });
    rude.client.stream.destroy(); // the network fails: no DISCONNECT
    const got = await watcher.messages.next();
    expect(got.payload.toString()).toBe('gone');
    await expectNothingMore(watcher);
  });
});
