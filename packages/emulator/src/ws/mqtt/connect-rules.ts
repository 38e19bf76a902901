// The rules of CONNECT that need no I/O: the service's limits, the session expiry it grants, and
// the CONNACK packets for acceptance and refusal.
// Sources: azure-docs includes/mqtt-connection-parameters.md (client ids, 3.1.1 keep-alive, will
// limits), overview-mqtt.md (sessions up to 30 s; no retained messages, wildcard or shared
// subscriptions, topic aliases; assigned client ids), MQTT 5.0 §3.2 (CONNACK properties).
import { randomBytes } from 'node:crypto';

import type { MqttProtocolVersion, MqttUserProperty } from '@wps-local/wire';
import {
  MAX_MESSAGE_BYTES,
  MQTT_LIMITS,
  MQTT_PROTOCOL_VERSIONS,
  MQTT_V5_REASON_CODES as V5,
  MQTT_V311_CONNECT_RETURN_CODES as V311,
} from '@wps-local/wire';
import type { IConnackPacket, IConnectPacket } from 'mqtt-packet';

import { fromUserPropertyList, hasWildcard } from './properties';

/** A CONNACK refusal, or 'close' where no return code fits (3.1.1): no CONNACK at all. */
export type Refusal =
  { code: number; reason: string; userProperties?: MqttUserProperty[] } | 'close';

/** The checks the service makes before it asks the handler. */
export function checkConnect(
  packet: IConnectPacket,
  clientId: string,
  version: MqttProtocolVersion,
): Refusal | undefined {
  const v5 = version === MQTT_PROTOCOL_VERSIONS.v500;
  if (!MQTT_LIMITS.clientIdPattern.test(clientId)) {
    return {
      code: v5 ? V5.clientIdentifierNotValid : V311.identifierRejected,
      reason: 'Client IDs are 1 to 128 characters of 0-9, a-z, A-Z.',
    };
  }
  if (v5 && packet.properties?.authenticationMethod !== undefined) {
    return {
      code: V5.badAuthenticationMethod,
      reason: 'Enhanced authentication is not supported.',
    };
  }
  const keepalive = packet.keepalive ?? 0;
  if (
    !v5 &&
    (keepalive < MQTT_LIMITS.v311KeepAliveMin || keepalive > MQTT_LIMITS.v311KeepAliveMax)
  ) {
    // No 3.1.1 return code says this: the connection is closed without a CONNACK.
    return 'close';
  }
  const will = packet.will;
  if (will) {
    if (
      will.topic.trim() === '' ||
      will.topic.length > MQTT_LIMITS.willTopicMaxLength ||
      hasWildcard(will.topic)
    ) {
      return v5 ? { code: V5.topicNameInvalid, reason: 'Invalid will topic.' } : 'close';
    }
    if (Buffer.byteLength(will.payload) > MQTT_LIMITS.willPayloadMaxBytes) {
      return v5
        ? { code: V5.packetTooLarge, reason: 'The will message is larger than 2,000 bytes.' }
        : 'close';
    }
    if (will.retain && v5)
      return { code: V5.retainNotSupported, reason: 'Retained messages are not supported.' };
  }
  return undefined;
}

export function serviceError(version: MqttProtocolVersion, reason: string): Refusal {
  return {
    code: version === MQTT_PROTOCOL_VERSIONS.v500 ? V5.unspecifiedError : V311.serverUnavailable,
    reason,
  };
}

export function refusalConnack(
  version: MqttProtocolVersion,
  refusal: Exclude<Refusal, 'close'>,
): IConnackPacket {
  if (version !== MQTT_PROTOCOL_VERSIONS.v500) {
    return { cmd: 'connack', sessionPresent: false, returnCode: refusal.code };
  }
  const userProperties = fromUserPropertyList(refusal.userProperties);
  return {
    cmd: 'connack',
    sessionPresent: false,
    reasonCode: refusal.code,
    properties: { reasonString: refusal.reason, ...(userProperties ? { userProperties } : {}) },
  };
}

/** 5.0: the client's Session Expiry Interval; 3.1.1: 30 s unless clean session; both at most 30 s. */
export function sessionExpiry(packet: IConnectPacket, version: MqttProtocolVersion): number {
  const requested =
    version === MQTT_PROTOCOL_VERSIONS.v500
      ? (packet.properties?.sessionExpiryInterval ?? 0)
      : packet.clean === false
        ? MQTT_LIMITS.sessionExpiryMaxSeconds
        : 0;
  return Math.min(requested, MQTT_LIMITS.sessionExpiryMaxSeconds);
}

/** The CONNACK of an accepted connection. */
export function connack(
  version: MqttProtocolVersion,
  sessionPresent: boolean,
  expirySeconds: number,
  packet: IConnectPacket,
  assigned: string | undefined,
  userProperties: MqttUserProperty[] | undefined,
): IConnackPacket {
  if (version === MQTT_PROTOCOL_VERSIONS.v311)
    return { cmd: 'connack', sessionPresent, returnCode: V311.accepted };
  const props: NonNullable<IConnackPacket['properties']> = {
    retainAvailable: false,
    wildcardSubscriptionAvailable: false,
    sharedSubscriptionAvailable: false,
    subscriptionIdentifiersAvailable: true,
    maximumPacketSize: MAX_MESSAGE_BYTES,
  };
  // The server's value goes back when it differs from the client's (MQTT 5.0 3.2.2.3.2).
  if (expirySeconds !== (packet.properties?.sessionExpiryInterval ?? 0))
    props.sessionExpiryInterval = expirySeconds;
  if (assigned) props.assignedClientIdentifier = assigned;
  const user = fromUserPropertyList(userProperties);
  if (user) props.userProperties = user;
  return { cmd: 'connack', sessionPresent, reasonCode: V5.success, properties: props };
}

export function randomClientId(): string {
  return randomBytes(12).toString('hex');
}
