// Pure conversions between MQTT packet fields and the emulator's data: user properties, the
// content type <-> data type mapping, topic rules, and which connect codes an upstream may use.
// Sources: azure-docs reference-mqtt-cross-protocol-communication.md (content types, UTF-8),
// reference-mqtt-cloud-events.md (user property lists, invalid codes become "unspecified error"),
// overview-mqtt.md (wildcard and shared subscriptions are not supported).
import { isUtf8 } from 'node:buffer';

import type { DataType, MqttProtocolVersion, MqttUserProperty } from '@wps-local/wire';
import {
  MQTT_CONTENT_TYPES,
  MQTT_PROTOCOL_VERSIONS,
  MQTT_V5_REASON_CODES,
  MQTT_V311_CONNECT_RETURN_CODES,
} from '@wps-local/wire';
import type { UserProperties } from 'mqtt-packet';

import type { OutboundData } from '../outbound';

/** mqtt-packet's `{ name: value | value[] }` as the CloudEvents list of `{ name, value }`. */
export function toUserPropertyList(props: UserProperties | undefined): MqttUserProperty[] | null {
  if (!props) return null;
  const list: MqttUserProperty[] = [];
  for (const [name, v] of Object.entries(props)) {
    for (const value of Array.isArray(v) ? v : [v]) list.push({ name, value: String(value) });
  }
  return list;
}

export function fromUserPropertyList(
  list: readonly MqttUserProperty[] | null | undefined,
): UserProperties | undefined {
  if (!list || list.length === 0) return undefined;
  const props: Record<string, string[]> = {};
  for (const { name, value } of list) (props[name] ??= []).push(value);
  return props;
}

const DATA_TYPE_BY_CONTENT_TYPE: ReadonlyMap<string, DataType> = new Map([
  [MQTT_CONTENT_TYPES.json, 'json'],
  [MQTT_CONTENT_TYPES.text, 'text'],
  [MQTT_CONTENT_TYPES.protobuf, 'protobuf'],
  [MQTT_CONTENT_TYPES.binary, 'binary'],
]);

export const CONTENT_TYPE_BY_DATA_TYPE: Readonly<Record<DataType, string>> = {
  json: MQTT_CONTENT_TYPES.json,
  text: MQTT_CONTENT_TYPES.text,
  protobuf: MQTT_CONTENT_TYPES.protobuf,
  binary: MQTT_CONTENT_TYPES.binary,
};

/**
 * The Web PubSub data of an MQTT payload: the 5.0 content type picks the data type (absent,
 * unknown, or any 3.1.1 message: binary); JSON must parse and text must be UTF-8, else a string
 * saying why (the publish is refused with "payload format invalid").
 */
export function payloadToData(
  payload: Buffer,
  contentType: string | undefined,
): OutboundData | string {
  const media = contentType?.split(';')[0]?.trim().toLowerCase();
  const dataType = (media && DATA_TYPE_BY_CONTENT_TYPE.get(media)) || 'binary';
  if (dataType === 'text' && !isUtf8(payload)) return 'The text payload is not valid UTF-8.';
  if (dataType === 'json') {
    try {
      JSON.parse(payload.toString('utf8'));
    } catch {
      return 'The JSON payload does not parse.';
    }
  }
  return { dataType, bytes: payload };
}

/** Topic names in PUBLISH never hold wildcards; the service takes no wildcard filters either. */
export function hasWildcard(topic: string): boolean {
  return topic.includes('+') || topic.includes('#');
}

export const SHARED_SUBSCRIPTION_PREFIX = '$share/';

/** The CONNACK failure reason codes of MQTT 5.0 (spec 3.2.2.2), as express 1.1.0 enumerates them. */
const V5_CONNECT_FAILURES: ReadonlySet<number> = new Set([
  0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8c, 0x90, 0x95, 0x97, 0x99,
  0x9a, 0x9b, 0x9c, 0x9d, 0x9f,
]);

/** The CONNACK code for an upstream's `mqtt.code`: invalid ones become "unspecified error". */
export function connackFailureCode(code: number, version: MqttProtocolVersion): number {
  if (version === MQTT_PROTOCOL_VERSIONS.v311) {
    const c = MQTT_V311_CONNECT_RETURN_CODES;
    // 3.1.1 has no "unspecified error": "server unavailable" is its nearest.
    return Number.isInteger(code) && code >= 1 && code <= 5 ? code : c.serverUnavailable;
  }
  return V5_CONNECT_FAILURES.has(code) ? code : MQTT_V5_REASON_CODES.unspecifiedError;
}
