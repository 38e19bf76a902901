// What an open MQTT connection's packets do: PUBLISH sends to the topic's group, SUBSCRIBE joins
// and UNSUBSCRIBE leaves groups, under the same permissions as every other client
// (webpubsub.sendToGroup*, webpubsub.joinLeaveGroup*). Refusals use the MQTT reason codes:
// 5.0 PUBACK/PUBREC/SUBACK/UNSUBACK codes, 3.1.1 SUBACK 0x80; an unauthorized 3.1.1 publish is
// acknowledged and dropped, one of the two answers MQTT 3.1.1 §3.3.5 allows.
// Sources: azure-docs howto-connect-mqtt-websocket-client.md (permissions), overview-mqtt.md and
// mqtt-term-mappings.md (topics are groups; wildcard, shared subscriptions, retained messages and
// topic aliases unsupported), reference-mqtt-cross-protocol-communication.md (content types).
import {
  isValidGroupName,
  MQTT_PROTOCOL_VERSIONS,
  MQTT_SERVER_EVENTS_TOPIC_PREFIX,
  MQTT_V5_REASON_CODES as V5,
  MQTT_V311_SUBACK_FAILURE,
} from '@wps-local/wire';
import type {
  IPublishPacket,
  IPubrelPacket,
  ISubscribePacket,
  IUnsubscribePacket,
  QoS,
} from 'mqtt-packet';

import type { MqttLink } from './link';
import { hasWildcard, payloadToData, SHARED_SUBSCRIPTION_PREFIX } from './properties';
import { MqttMessage } from './publish-packets';
import { handleServerEvent } from './server-events';
import type { MqttSession } from './session';

export function handlePublish(link: MqttLink, session: MqttSession, p: IPublishPacket): void {
  const v5 = link.version === MQTT_PROTOCOL_VERSIONS.v500;
  const { topic, qos } = p;
  if (p.properties?.topicAlias !== undefined) {
    // The CONNACK allowed no topic aliases (Topic Alias Maximum absent = 0).
    link.protocolError(V5.topicAliasInvalid, 'Topic aliases are not supported.');
    return;
  }
  if (topic === '' || hasWildcard(topic)) {
    link.protocolError(V5.topicNameInvalid, `Invalid topic name '${topic}'.`);
    return;
  }
  if (p.retain && v5) {
    // 5.0 clients were told "Retain Available: 0"; 3.1.1 messages are delivered, not retained.
    link.protocolError(V5.retainNotSupported, 'Retained messages are not supported.');
    return;
  }
  const id = p.messageId ?? 0;
  if (qos === 2 && session.awaitingRelease.has(id)) {
    link.send({ cmd: 'pubrec', messageId: id }); // a resent QoS 2 PUBLISH: delivered already
    return;
  }
  if (topic.startsWith(MQTT_SERVER_EVENTS_TOPIC_PREFIX)) {
    handleServerEvent(link, session, p);
    return;
  }
  const code = publishToGroup(link, session, p);
  acknowledge(link, session, qos, id, code);
}

/** Sends the message to the topic's group; the 5.0 reason code of the outcome. */
function publishToGroup(link: MqttLink, session: MqttSession, p: IPublishPacket): number {
  const conn = session.conn;
  const group = p.topic;
  if (!isValidGroupName(group)) return V5.topicNameInvalid;
  if (!conn.permissions.canSendTo(group)) return V5.notAuthorized;
  const payload = typeof p.payload === 'string' ? Buffer.from(p.payload) : p.payload;
  const data = payloadToData(payload, p.properties?.contentType);
  if (typeof data === 'string') return V5.payloadFormatInvalid;
  // Alias and subscription ids belong to one hop; the rest travels to MQTT recipients.
  const properties = { ...p.properties };
  delete properties.topicAlias;
  delete properties.subscriptionIdentifier;
  const msg = new MqttMessage(
    data,
    { from: 'group', group, fromUserId: conn.userId },
    { qos: p.qos, properties },
  );
  const noLocal = session.subscriptions.get(group)?.noLocal === true;
  link.ctx.fanout.deliver(conn.hub.group(group), msg, noLocal ? { skip: conn } : {});
  return V5.success;
}

/** PUBACK (QoS 1) or PUBREC (QoS 2); 3.1.1 has no reason codes, so they always look positive. */
export function acknowledge(
  link: MqttLink,
  session: MqttSession,
  qos: QoS,
  id: number,
  code: number,
): void {
  if (qos === 0) return;
  const v5 = link.version === MQTT_PROTOCOL_VERSIONS.v500;
  const cmd = qos === 1 ? 'puback' : 'pubrec';
  if (qos === 2 && code < 0x80) session.awaitingRelease.add(id);
  link.send(v5 ? { cmd, messageId: id, reasonCode: code } : { cmd, messageId: id });
}

export function handlePubrel(link: MqttLink, session: MqttSession, p: IPubrelPacket): void {
  const id = p.messageId ?? 0;
  const known = session.awaitingRelease.delete(id);
  const v5 = link.version === MQTT_PROTOCOL_VERSIONS.v500;
  link.send(
    v5
      ? { cmd: 'pubcomp', messageId: id, reasonCode: known ? 0 : V5.packetIdentifierNotFound }
      : { cmd: 'pubcomp', messageId: id },
  );
}

/** Granted QoS is at most 1: every message to MQTT clients travels at QoS 0 or 1 here. */
const MAX_GRANTED_QOS = 1;

export function handleSubscribe(link: MqttLink, session: MqttSession, p: ISubscribePacket): void {
  if (p.subscriptions.length === 0) {
    link.protocolError(V5.protocolError, 'SUBSCRIBE without topic filters.');
    return;
  }
  const v5 = link.version === MQTT_PROTOCOL_VERSIONS.v500;
  const conn = session.conn;
  const subscriptionId = p.properties?.subscriptionIdentifier;
  const granted = p.subscriptions.map(({ topic, qos, nl }) => {
    let refusal: number | undefined;
    if (hasWildcard(topic)) refusal = V5.wildcardSubscriptionsNotSupported;
    else if (topic.startsWith(SHARED_SUBSCRIPTION_PREFIX)) {
      refusal = V5.sharedSubscriptionsNotSupported;
    } else if (!isValidGroupName(topic)) refusal = V5.topicFilterInvalid;
    else if (!conn.permissions.canJoinLeave(topic)) refusal = V5.notAuthorized;
    if (refusal !== undefined) return v5 ? refusal : MQTT_V311_SUBACK_FAILURE;
    const grantedQos = Math.min(qos, MAX_GRANTED_QOS) as QoS;
    session.subscriptions.set(topic, {
      qos: grantedQos,
      noLocal: v5 && nl === true,
      ...(subscriptionId !== undefined ? { subscriptionId } : {}),
    });
    conn.hub.addToGroup(conn, topic);
    return grantedQos;
  });
  link.send({ cmd: 'suback', messageId: p.messageId ?? 0, granted });
}

export function handleUnsubscribe(
  link: MqttLink,
  session: MqttSession,
  p: IUnsubscribePacket,
): void {
  if (p.unsubscriptions.length === 0) {
    link.protocolError(V5.protocolError, 'UNSUBSCRIBE without topic filters.');
    return;
  }
  const conn = session.conn;
  const codes = p.unsubscriptions.map((topic) => {
    if (!isValidGroupName(topic)) return V5.topicFilterInvalid;
    if (!conn.permissions.canJoinLeave(topic)) return V5.notAuthorized;
    session.subscriptions.delete(topic);
    if (!conn.groups.has(topic)) return V5.noSubscriptionExisted;
    conn.hub.removeFromGroup(conn, topic);
    return V5.success;
  });
  const v5 = link.version === MQTT_PROTOCOL_VERSIONS.v500;
  link.send(
    v5
      ? { cmd: 'unsuback', messageId: p.messageId ?? 0, granted: codes }
      : { cmd: 'unsuback', messageId: p.messageId ?? 0, granted: [] },
  );
}
