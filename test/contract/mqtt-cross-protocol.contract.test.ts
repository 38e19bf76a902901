// A device and a browser share a group: MQTT publishes reach @azure/web-pubsub-client (JSON) and
// protobuf members with the documented data-type mapping, their sendToGroup and every REST send
// (all, user, connection, group) reach MQTT clients, and REST manages MQTT subscriptions.
// Sources: azure-docs reference-mqtt-cross-protocol-communication.md (content type <-> data type,
// UTF-8 text, QoS), reference-rest-api-mqtt.md (`$webpubsub/server/messages`, QoS 1, REST group
// membership = subscriptions with default options).
import { MQTT_SERVER_MESSAGES_TOPIC } from '@wps-local/wire';
import { afterEach, describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import type { MqttPeer, MqttVersion } from '../setup/mqtt';
import { connectMqtt, endAll, mqttUrl } from '../setup/mqtt';
import { openProtobufClient } from '../setup/protobuf-client';
import { useSdkSuite } from '../setup/sdk-suite';

const ALL = ['webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup'];
const PB = 'protobuf.webpubsub.azure.v1';

describe('MQTT and Web PubSub clients in one hub', () => {
  const sdk = useSdkSuite();
  const { service } = sdk;
  const peers: MqttPeer[] = [];
  const device = async (version: MqttVersion, userId?: string) => {
    const p = await connectMqtt(await mqttUrl(service(), { roles: ALL, userId }), version);
    peers.push(p);
    return p;
  };
  afterEach(async () => {
    await endAll(...peers.splice(0));
  });

  async function browser(group: string) {
    const rc = sdk.client({ userId: uniqueName('web'), roles: ALL });
    const connectionId = await rc.start();
    await rc.client.joinGroup(group);
    return { rc, connectionId };
  }

  it('maps a 5.0 content type to the JSON client data type; no type (and 3.1.1) is binary', async () => {
    const group = uniqueName('telemetry');
    const web = await browser(group);
    const v5 = await device(5, 'sensor1');
    const v4 = await device(4);
    const sends: [MqttPeer, string | Buffer, string | undefined][] = [
      [v5, '{"t":21.5}', 'application/json'],
      [v5, 'plain words', 'text/plain'],
      [v5, Buffer.from([1, 2, 3]), 'application/octet-stream'],
      [v5, Buffer.from([4, 5]), undefined],
      [v4, '{"looks":"json"}', undefined],
    ];
    for (const [p, payload, contentType] of sends) {
      await p.client.publishAsync(group, payload, {
        qos: 1,
        ...(contentType ? { properties: { contentType } } : {}),
      });
    }
    await web.rc.until(() => web.rc.messages.length >= 5, 'five group messages');
    const shown = web.rc.messages.map((m) => {
      const data = m.data instanceof ArrayBuffer ? [...new Uint8Array(m.data)] : m.data;
      return [m.kind, m.dataType, data];
    });
    expect(shown).toEqual([
      ['groupData', 'json', { t: 21.5 }],
      ['groupData', 'text', 'plain words'],
      ['groupData', 'binary', [1, 2, 3]],
      ['groupData', 'binary', [4, 5]],
      ['groupData', 'binary', [...Buffer.from('{"looks":"json"}')]],
    ]);
    expect(web.rc.messages[0]).toMatchObject({ group, fromUserId: 'sensor1' });
  });

  it('reaches protobuf members of the group', async () => {
    const group = uniqueName('telemetry');
    const { url } = await service().getClientAccessToken({ roles: ALL });
    const pb = await openProtobufClient(url, PB);
    await pb.next('system_message');
    pb.send({ join_group_message: { group, ack_id: 1 } });
    await pb.next('ack_message');
    const p = await device(5);
    await p.client.publishAsync(group, 'hello pb', {
      qos: 1,
      properties: { contentType: 'text/plain' },
    });
    await p.client.publishAsync(group, Buffer.from([7, 7]), { qos: 0 });
    expect((await pb.next('data_message')).data_message).toMatchObject({
      from: 'group',
      group,
      data: { text_data: 'hello pb' },
    });
    const bin = (await pb.next('data_message')).data_message.data;
    expect(Buffer.from(bin.binary_data)).toEqual(Buffer.from([7, 7]));
    pb.ws.close();
  });

  it("delivers a JSON client's sendToGroup to MQTT subscribers with its content type (5.0) at QoS 1", async () => {
    const group = uniqueName('commands');
    const web = await browser(group);
    const [v5, v4] = [await device(5), await device(4)];
    await v5.client.subscribeAsync(group, { qos: 1 });
    await v4.client.subscribeAsync(group, { qos: 0 });
    await web.rc.client.sendToGroup(group, { cmd: 'on' }, 'json');
    await web.rc.client.sendToGroup(group, 'txt', 'text');
    await web.rc.client.sendToGroup(group, new Uint8Array([9]).buffer, 'binary');
    const got5 = [await v5.messages.next(), await v5.messages.next(), await v5.messages.next()];
    expect(
      got5.map((m) => [
        m.topic,
        m.payload.toString('hex'),
        m.packet.qos,
        m.packet.properties?.contentType,
      ]),
    ).toEqual([
      [group, Buffer.from('{"cmd":"on"}').toString('hex'), 1, 'application/json'],
      [group, Buffer.from('txt').toString('hex'), 1, 'text/plain'],
      [group, '09', 1, 'application/octet-stream'],
    ]);
    const got4 = await v4.messages.next();
    expect([got4.payload.toString(), got4.packet.qos]).toEqual(['{"cmd":"on"}', 0]); // granted QoS 0
  });

  it('delivers REST sends: to a group on its topic, to all / a user / a connection on $webpubsub/server/messages', async () => {
    const group = uniqueName('alerts');
    const userId = uniqueName('owner');
    const p = await device(5, userId);
    await p.client.subscribeAsync(group, { qos: 1 });
    await service().group(group).sendToAll({ level: 2 });
    await service().sendToAll('to all', { contentType: 'text/plain' });
    await service().sendToUser(userId, 'to user', { contentType: 'text/plain' });
    await service().sendToConnection(p.clientId, Buffer.from([1]));
    const got = [];
    for (let i = 0; i < 4; i++) got.push(await p.messages.next());
    expect(got.map((m) => [m.topic, m.payload.toString('hex'), m.packet.qos])).toEqual([
      [group, Buffer.from('{"level":2}').toString('hex'), 1],
      [MQTT_SERVER_MESSAGES_TOPIC, Buffer.from('to all').toString('hex'), 1],
      [MQTT_SERVER_MESSAGES_TOPIC, Buffer.from('to user').toString('hex'), 1],
      [MQTT_SERVER_MESSAGES_TOPIC, '01', 1],
    ]);
  });

  it('REST adds and removes MQTT subscriptions (the connection id is the client id)', async () => {
    const group = uniqueName('fleet');
    const [p, sender] = [await device(4), await device(5)];
    await service().group(group).addConnection(p.clientId);
    await sender.client.publishAsync(group, 'via rest subscription', { qos: 1 });
    const got = await p.messages.next();
    expect([got.topic, got.payload.toString(), got.packet.qos]).toEqual([
      group,
      'via rest subscription',
      1,
    ]);
    await service().group(group).removeConnection(p.clientId);
    expect(await service().groupExists(group)).toBe(false);
    await service().sendToConnection(p.clientId, 'sentinel', { contentType: 'text/plain' });
    expect((await p.messages.next()).payload.toString()).toBe('sentinel');
  });

  it('REST permission grants apply to MQTT clients', async () => {
    const group = uniqueName('locked');
    const p = await connectMqtt(await mqttUrl(service()), 5);
    peers.push(p);
    await expect(p.client.subscribeAsync(group)).rejects.toMatchObject({
      packet: { granted: [0x87] },
    });
    await service().grantPermission(p.clientId, 'joinLeaveGroup', { targetName: group });
    const granted = await p.client.subscribeAsync(group);
    expect(granted[0]!.qos).toBe(0);
    expect(await service().groupExists(group)).toBe(true);
  });
});
