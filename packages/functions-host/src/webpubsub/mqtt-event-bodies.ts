// The `mqtt` part of an MQTT client's connect and disconnected bodies, read the way the extension
// reads them (Microsoft.Azure.WebPubSub.Common: MqttConnectPropertiesJsonConverter,
// MqttDisconnectedEventRequestPropertiesJsonConverter) and handed to the function with the names the
// extension serialises (MqttConnectProperties, MqttDisconnectedEventRequestProperties). A field of
// the wrong type throws, as the converters do: the host answers 500.
import type {
  MqttConnectProperties,
  MqttDisconnectedEventBody,
  MqttProtocolVersion,
  MqttUserProperty,
} from '@wps-local/wire';

import { field, isObject } from './payload';

/** What the function sees: the CONNECT packet's fields the extension keeps (not `cleanStart`). */
export type MqttConnectRequestProperties = Required<Omit<MqttConnectProperties, 'cleanStart'>>;
export type MqttDisconnectedRequestProperties = MqttDisconnectedEventBody['mqtt'];

/** `mqtt` of a connect body; null when the service sent none (the extension passes null on). */
export function readMqttConnect(value: unknown): MqttConnectRequestProperties | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) throw new Error("The connect event's 'mqtt' is not a JSON object.");
  const version = value.protocolVersion;
  if (version === undefined || version === null) {
    throw new Error("Missing required property 'protocolVersion'.");
  }
  if (!Number.isInteger(version)) {
    throw new Error(`The MQTT protocolVersion ${JSON.stringify(version)} is not a number.`);
  }
  return {
    protocolVersion: version as MqttProtocolVersion,
    username: optionalString(value.username, 'username'),
    password: optionalString(value.password, 'password'),
    userProperties: readUserProperties(value.userProperties),
  };
}

/** `mqtt` of a disconnected body; null when the service sent none. */
export function readMqttDisconnected(value: unknown): MqttDisconnectedRequestProperties | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) throw new Error("The disconnected event's 'mqtt' is not a JSON object.");
  const initiated = value.initiatedByClient ?? false;
  if (typeof initiated !== 'boolean') throw new Error("'initiatedByClient' is not a boolean.");
  const packet = value.disconnectPacket;
  if (packet === undefined || packet === null) {
    return { initiatedByClient: initiated, disconnectPacket: null };
  }
  if (!isObject(packet)) throw new Error("'disconnectPacket' is not a JSON object.");
  if (!Number.isInteger(packet.code)) throw new Error("'disconnectPacket.code' is not a number.");
  return {
    initiatedByClient: initiated,
    disconnectPacket: {
      code: packet.code as number,
      userProperties: readUserProperties(packet.userProperties),
    },
  };
}

/**
 * User properties as `[{ name, value }]`, the shape the extension reads and writes. `loose` reads
 * a function's return value as Newtonsoft converts it: names matched in any case, values as text.
 */
export function readUserProperties(value: unknown, loose = false): MqttUserProperty[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw new Error("'userProperties' is not an array.");
  return value.map((item: unknown) => {
    if (!isObject(item)) throw new Error('A user property is not a { name, value } object.');
    const name = loose ? field(item, 'name') : item.name;
    const text = loose ? field(item, 'value') : item.value;
    return {
      name: optionalString(name, 'name', loose) as string,
      value: optionalString(text, 'value', loose) as string,
    };
  });
}

function optionalString(value: unknown, name: string, loose = false): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (loose && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
  throw new Error(`'${name}' is not a string.`);
}
