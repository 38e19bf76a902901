// The MQTT side of the wire contract: the client endpoint, the CloudEvents bodies the service sends
// for MQTT clients and the connect answers it honours, and the MQTT reason codes it uses.
// Sources: MicrosoftDocs/azure-docs articles/azure-web-pubsub/reference-mqtt-cloud-events.md
// (and its TypeSpec, Azure/azure-webpubsub protocols/server/cloud-events/main.tsp),
// howto-connect-mqtt-websocket-client.md, includes/mqtt-connection-parameters.md, overview-mqtt.md,
// reference-mqtt-cross-protocol-communication.md, reference-rest-api-mqtt.md;
// @azure/web-pubsub-express 1.1.0 (cloudEventsProtocols.d.ts, enum/MqttErrorCodes, its dispatcher);
// Azure/azure-sdk-for-net sdk/webpubsub/Microsoft.Azure.WebPubSub.Common/src/Mqtt/* and
// Shared/MqttConnectCodeToHttpStatusCodeConverter.cs; the MQTT 3.1.1 and 5.0 specifications.

import type { ConnectEventBody, ConnectEventResponse } from './cloud-events';

/** `/clients/mqtt/hubs/{hub}`: the path (and token audience path) of MQTT clients. */
export const MQTT_CLIENT_PATH_PREFIX = '/clients/mqtt/hubs/';

export function mqttClientPath(hub: string): string {
  return MQTT_CLIENT_PATH_PREFIX + hub;
}

/**
 * WebSocket subprotocols an MQTT client offers: `mqtt` (MQTT 3.1.1 and 5.0, spec §6) and
 * `mqttv3.1`, which some clients offer; the server answers with the one the client offered.
 */
export const MQTT_SUBPROTOCOLS = ['mqtt', 'mqttv3.1'] as const;
export type MqttSubprotocol = (typeof MQTT_SUBPROTOCOLS)[number];

export function isMqttSubprotocol(name: string | undefined): name is MqttSubprotocol {
  return name === 'mqtt' || name === 'mqttv3.1';
}

/** `ce-subprotocol` of every MQTT client event: "It's always `mqtt`". */
export const MQTT_EVENT_SUBPROTOCOL = 'mqtt';

/** The CloudEvents headers only MQTT client events carry (lower case, as node sends them). */
export const MQTT_CE_HEADERS = {
  /** A unique ID per physical (WebSocket) connection; on every MQTT event. */
  physicalConnectionId: 'ce-physicalconnectionid',
  /** A unique ID per MQTT session; on every MQTT event except `connect`. */
  sessionId: 'ce-sessionid',
} as const;

/** MQTT protocol levels the service accepts: 4 is MQTT 3.1.1, 5 is MQTT 5.0. */
export const MQTT_PROTOCOL_VERSIONS = { v311: 4, v500: 5 } as const;
export type MqttProtocolVersion =
  (typeof MQTT_PROTOCOL_VERSIONS)[keyof typeof MQTT_PROTOCOL_VERSIONS];

export interface MqttUserProperty {
  name: string;
  value: string;
}

/** `mqtt` in the body of an MQTT client's `connect` event: fields of its CONNECT packet. */
export interface MqttConnectProperties {
  protocolVersion: MqttProtocolVersion;
  /** Shown in the docs' request sample; not in the SDKs' types. */
  cleanStart?: boolean;
  username?: string | null;
  /** The CONNECT packet's password, base64-encoded. */
  password?: string | null;
  /** MQTT 5.0 only. */
  userProperties?: MqttUserProperty[] | null;
}

/** Body of the blocking `connect` event for an MQTT client. */
export interface MqttConnectEventBody extends ConnectEventBody {
  mqtt: MqttConnectProperties;
}

/** A successful answer to an MQTT `connect` (200). `subprotocol` must be `mqtt` or null. */
export interface MqttConnectEventResponse extends ConnectEventResponse {
  mqtt?: {
    /** Sent to MQTT 5.0 clients as CONNACK user properties. */
    userProperties?: MqttUserProperty[] | null;
  } | null;
}

/** A failed answer to an MQTT `connect` (4xx/5xx, JSON): the CONNACK the client gets. */
export interface MqttConnectErrorResponse {
  mqtt: {
    /** A 3.1.1 return code or a 5.0 reason code; an invalid one becomes "unspecified error". */
    code: number;
    /** MQTT 5.0 only: the CONNACK reason string. */
    reason?: string | null;
    /** MQTT 5.0 only: CONNACK user properties. */
    userProperties?: MqttUserProperty[] | null;
  };
}

export function isMqttConnectErrorResponse(body: unknown): body is MqttConnectErrorResponse {
  if (typeof body !== 'object' || body === null) return false;
  const mqtt = (body as { mqtt?: unknown }).mqtt;
  return (
    typeof mqtt === 'object' && mqtt !== null && Number.isInteger((mqtt as { code?: unknown }).code)
  );
}

/** Body of `connected` for an MQTT client: empty JSON (`{}`), sent when a new session starts. */
export type MqttConnectedEventBody = Record<string, never>;

/** The DISCONNECT packet that ended the last physical connection of a session. */
export interface MqttDisconnectPacket {
  /** The DISCONNECT reason code (MQTT 5.0); 0 for MQTT 3.1.1, whose DISCONNECT has none. */
  code: number;
  /** From the client's DISCONNECT; null when the service sent it. */
  userProperties?: MqttUserProperty[] | null;
}

/** Body of `disconnected` for an MQTT client: sent when the session ends or expires. */
export interface MqttDisconnectedEventBody {
  /** The 5.0 DISCONNECT reason string, or the service's reason; may be null. */
  reason?: string | null;
  mqtt: {
    /** True when the client ended the connection with a DISCONNECT packet. */
    initiatedByClient: boolean;
    /** Null when no DISCONNECT was sent (network failure, keep-alive timeout on 3.1.1, ...). */
    disconnectPacket: MqttDisconnectPacket | null;
  };
}

/** MQTT 3.1.1 CONNACK return codes (spec 3.2.2.3). */
export const MQTT_V311_CONNECT_RETURN_CODES = {
  accepted: 0x00,
  unacceptableProtocolVersion: 0x01,
  identifierRejected: 0x02,
  serverUnavailable: 0x03,
  badUsernameOrPassword: 0x04,
  notAuthorized: 0x05,
} as const;

/** MQTT 5.0 reason codes (spec 2.4) the service uses in CONNACK, PUBACK, SUBACK, UNSUBACK, DISCONNECT. */
export const MQTT_V5_REASON_CODES = {
  success: 0x00,
  /** DISCONNECT: normal disconnection. */
  normalDisconnection: 0x00,
  /** SUBACK: granted QoS 0 / 1 / 2. */
  grantedQos0: 0x00,
  grantedQos1: 0x01,
  grantedQos2: 0x02,
  disconnectWithWillMessage: 0x04,
  noMatchingSubscribers: 0x10,
  /** UNSUBACK: no subscription existed. */
  noSubscriptionExisted: 0x11,
  unspecifiedError: 0x80,
  malformedPacket: 0x81,
  protocolError: 0x82,
  implementationSpecificError: 0x83,
  unsupportedProtocolVersion: 0x84,
  clientIdentifierNotValid: 0x85,
  badUserNameOrPassword: 0x86,
  notAuthorized: 0x87,
  serverUnavailable: 0x88,
  serverBusy: 0x89,
  banned: 0x8a,
  serverShuttingDown: 0x8b,
  badAuthenticationMethod: 0x8c,
  keepAliveTimeout: 0x8d,
  sessionTakenOver: 0x8e,
  topicFilterInvalid: 0x8f,
  topicNameInvalid: 0x90,
  packetIdentifierInUse: 0x91,
  packetIdentifierNotFound: 0x92,
  receiveMaximumExceeded: 0x93,
  topicAliasInvalid: 0x94,
  packetTooLarge: 0x95,
  messageRateTooHigh: 0x96,
  quotaExceeded: 0x97,
  administrativeAction: 0x98,
  payloadFormatInvalid: 0x99,
  retainNotSupported: 0x9a,
  qosNotSupported: 0x9b,
  useAnotherServer: 0x9c,
  serverMoved: 0x9d,
  sharedSubscriptionsNotSupported: 0x9e,
  connectionRateExceeded: 0x9f,
  maximumConnectTime: 0xa0,
  subscriptionIdentifiersNotSupported: 0xa1,
  wildcardSubscriptionsNotSupported: 0xa2,
} as const;

/** MQTT 3.1.1 SUBACK: the one failure return code (spec 3.9.3). */
export const MQTT_V311_SUBACK_FAILURE = 0x80;

/**
 * The HTTP status an upstream answers with for an MQTT connect failure code, as
 * @azure/web-pubsub-express 1.1.0 and the .NET extension (MqttConnectCodeToHttpStatusCodeConverter)
 * map it; undefined for a code neither knows.
 */
export function mqttConnectCodeToHttpStatus(code: number): number | undefined {
  const c = MQTT_V311_CONNECT_RETURN_CODES;
  const r = MQTT_V5_REASON_CODES;
  switch (code) {
    case c.unacceptableProtocolVersion:
    case c.identifierRejected:
      return 400;
    case c.serverUnavailable:
      return 503;
    case c.badUsernameOrPassword:
    case c.notAuthorized:
    case r.notAuthorized:
    case r.badUserNameOrPassword:
      return 401;
    case r.clientIdentifierNotValid:
    case r.malformedPacket:
    case r.unsupportedProtocolVersion:
    case r.badAuthenticationMethod:
    case r.topicNameInvalid:
    case r.payloadFormatInvalid:
    case r.implementationSpecificError:
    case r.packetTooLarge:
    case r.retainNotSupported:
    case r.qosNotSupported:
      return 400;
    case r.quotaExceeded:
    case r.connectionRateExceeded:
      return 429;
    case r.banned:
      return 403;
    case r.useAnotherServer:
    case r.serverMoved:
    case r.serverUnavailable:
    case r.serverBusy:
    case r.unspecifiedError:
      return 500;
    default:
      return undefined;
  }
}

/**
 * The CONNACK code for a plain HTTP failure status (no `mqtt` body), as
 * @azure/web-pubsub-express 1.1.0 maps `fail(code)` for MQTT clients.
 */
export function httpStatusToMqttConnectCode(
  status: number,
  protocolVersion: MqttProtocolVersion,
): number {
  if (protocolVersion === MQTT_PROTOCOL_VERSIONS.v311) {
    const c = MQTT_V311_CONNECT_RETURN_CODES;
    if (status === 400) return c.badUsernameOrPassword;
    if (status === 401) return c.notAuthorized;
    return c.serverUnavailable;
  }
  const r = MQTT_V5_REASON_CODES;
  if (status === 400) return r.badUserNameOrPassword;
  if (status === 401) return r.notAuthorized;
  return r.unspecifiedError;
}

/** Topic of messages from REST send-to-all / user / connection (not group sends). */
export const MQTT_SERVER_MESSAGES_TOPIC = '$webpubsub/server/messages';
/** `$webpubsub/server/events/{eventName}`: an MQTT publish that is a request to the upstream. */
export const MQTT_SERVER_EVENTS_TOPIC_PREFIX = '$webpubsub/server/events/';

/** MQTT 5.0 content type ↔ Web PubSub data type; absent (and 3.1.1) means binary. */
export const MQTT_CONTENT_TYPES = {
  json: 'application/json',
  text: 'text/plain',
  protobuf: 'application/x-protobuf',
  binary: 'application/octet-stream',
} as const;

/** Limits the service puts on MQTT clients (includes/mqtt-connection-parameters.md). */
export const MQTT_LIMITS = {
  /** Client IDs: 1 to 128 of 0-9, a-z, A-Z. */
  clientIdPattern: /^[0-9a-zA-Z]{1,128}$/,
  /** MQTT 3.1.1 keep-alive, seconds. */
  v311KeepAliveMin: 1,
  v311KeepAliveMax: 180,
  willTopicMaxLength: 1024,
  willPayloadMaxBytes: 2000,
  /** Sessions are kept up to 30 s after the connection drops (overview-mqtt.md). */
  sessionExpiryMaxSeconds: 30,
} as const;
