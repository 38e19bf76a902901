// Outbound PUBLISH packets. A fan-out generates each (protocol version, QoS) form once with
// mqtt-packet; a QoS 1 recipient gets a copy with its own packet identifier written in.
// Topics: the group for group messages, `$webpubsub/server/messages` for REST sends to all, a
// user or a connection (azure-docs reference-rest-api-mqtt.md). QoS: messages from MQTT clients
// keep theirs, the rest are QoS 1, and a subscription's granted QoS caps both
// (reference-mqtt-cross-protocol-communication.md).
import type { MqttProtocolVersion } from '@wps-local/wire';
import { MQTT_PROTOCOL_VERSIONS, MQTT_SERVER_MESSAGES_TOPIC } from '@wps-local/wire';
import type { IPublishPacket, QoS } from 'mqtt-packet';
import { generate } from 'mqtt-packet';

import type { MessageOrigin, OutboundData } from '../outbound';
import { FRAME_SLOTS, PreparedMessage } from '../outbound';
import { CONTENT_TYPE_BY_DATA_TYPE } from './properties';

/** What an MQTT publisher's message carries beyond its data, for MQTT recipients. */
export interface MqttPublishExtras {
  qos: QoS;
  properties?: IPublishPacket['properties'];
  /** A topic of the service's own (an upstream's reply to one client), not a group's. */
  topic?: string;
}

/** A message published by an MQTT client: Web PubSub recipients see only the data. */
export class MqttMessage extends PreparedMessage {
  constructor(
    data: OutboundData,
    origin: MessageOrigin,
    readonly mqtt: MqttPublishExtras,
  ) {
    super(data, origin);
  }
}

export function topicOf(msg: PreparedMessage): string {
  if (msg instanceof MqttMessage && msg.mqtt.topic !== undefined) return msg.mqtt.topic;
  return msg.origin.from === 'group' ? msg.origin.group : MQTT_SERVER_MESSAGES_TOPIC;
}

/** The QoS a subscriber gets: the message's (1 for non-MQTT senders), capped by its grant. */
export function deliveryQos(msg: PreparedMessage, granted: QoS): 0 | 1 {
  const sent = msg instanceof MqttMessage ? msg.mqtt.qos : 1;
  return Math.min(sent, granted, 1) as 0 | 1;
}

/**
 * The PUBLISH for one recipient. `packetId` only for QoS 1; a subscription identifier makes the
 * packet the recipient's own, otherwise the generated form is shared by the whole fan-out.
 */
export function publishPacket(
  msg: PreparedMessage,
  version: MqttProtocolVersion,
  qos: 0 | 1,
  packetId: number,
  subscriptionId?: number,
): Buffer {
  if (subscriptionId !== undefined)
    return generatePublish(msg, version, qos, packetId, subscriptionId);
  const forms = msg.once(FRAME_SLOTS.mqtt, () => new Map<string, Buffer>());
  const key = `${version}:${qos}`;
  let template = forms.get(key);
  if (!template) forms.set(key, (template = generatePublish(msg, version, qos, 1)));
  if (qos === 0) return template;
  const copy = Buffer.from(template);
  copy.writeUInt16BE(packetId, packetIdOffset(copy, topicOf(msg)));
  return copy;
}

/** Sets the DUP flag on a QoS 1 PUBLISH that goes out again (a resumed session). */
export function markDuplicate(packet: Buffer): Buffer {
  const copy = Buffer.from(packet);
  copy[0] = copy[0]! | 0x08;
  return copy;
}

function generatePublish(
  msg: PreparedMessage,
  version: MqttProtocolVersion,
  qos: 0 | 1,
  packetId: number,
  subscriptionId?: number,
): Buffer {
  const packet: IPublishPacket = {
    cmd: 'publish',
    topic: topicOf(msg),
    payload: msg.data.bytes,
    qos,
    dup: false,
    retain: false,
    ...(qos > 0 ? { messageId: packetId } : {}),
  };
  if (version === MQTT_PROTOCOL_VERSIONS.v500) {
    const fromMqtt = msg instanceof MqttMessage ? msg.mqtt.properties : undefined;
    const properties: NonNullable<IPublishPacket['properties']> = { ...fromMqtt };
    delete properties.topicAlias;
    delete properties.subscriptionIdentifier;
    // MQTT publishers' content type (or its absence) travels as it is; others say their data type.
    if (!(msg instanceof MqttMessage)) {
      properties.contentType = CONTENT_TYPE_BY_DATA_TYPE[msg.data.dataType];
    }
    if (subscriptionId !== undefined) properties.subscriptionIdentifier = subscriptionId;
    if (Object.keys(properties).length > 0) packet.properties = properties;
  }
  return generate(packet, { protocolVersion: version });
}

/** Where the packet identifier sits: after the fixed header and the topic name. */
function packetIdOffset(packet: Buffer, topic: string): number {
  let i = 1;
  while ((packet[i]! & 0x80) !== 0) i++; // the remaining-length varint
  return i + 1 + 2 + Buffer.byteLength(topic);
}
