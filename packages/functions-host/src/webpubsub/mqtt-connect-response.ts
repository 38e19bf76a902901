// What a connect function returns for an MQTT client → what the service gets, as the extension's
// Utilities.BuildValidResponse converts it: `{ mqtt: { code, reason, userProperties } }` refuses
// the client with that CONNACK code (the HTTP status from the code's Web PubSub error class), and
// a success may carry CONNACK user properties in `mqtt.userProperties`.
import type {
  MqttConnectErrorResponse,
  MqttConnectEventResponse,
  MqttUserProperty,
} from '@wps-local/wire';
import {
  MQTT_V5_REASON_CODES as V5,
  MQTT_V311_CONNECT_RETURN_CODES as V311,
} from '@wps-local/wire';

import { readUserProperties } from './mqtt-event-bodies';
import { field, isObject, text } from './payload';

/** The HTTP statuses of WebPubSubErrorCode (Utilities.GetStatusCode). */
const UNAUTHORIZED = 401;
const USER_ERROR = 400;
const SERVER_ERROR = 500;

/** WebPubSubErrorCodeExtensions.FromMqttV311ConnectReturnCode; other codes are refused. */
const V311_CLASSES = new Map<number, number>([
  [V311.unacceptableProtocolVersion, USER_ERROR],
  [V311.identifierRejected, USER_ERROR],
  [V311.serverUnavailable, SERVER_ERROR],
  [V311.badUsernameOrPassword, USER_ERROR],
  [V311.notAuthorized, UNAUTHORIZED],
]);

/** WebPubSubErrorCodeExtensions.FromMqttV500ConnectReasonCode; 0x80, 0x82 and the rest throw. */
const V5_CLASSES = new Map<number, number>([
  [V5.notAuthorized, UNAUTHORIZED],
  ...[
    V5.badUserNameOrPassword,
    V5.clientIdentifierNotValid,
    V5.malformedPacket,
    V5.unsupportedProtocolVersion,
    V5.badAuthenticationMethod,
    V5.topicNameInvalid,
    V5.payloadFormatInvalid,
    V5.banned,
    V5.connectionRateExceeded,
    V5.implementationSpecificError,
  ].map((code): [number, number] => [code, USER_ERROR]),
  ...[
    V5.serverUnavailable,
    V5.serverBusy,
    V5.packetTooLarge,
    V5.quotaExceeded,
    V5.retainNotSupported,
    V5.qosNotSupported,
    V5.useAnotherServer,
    V5.serverMoved,
  ].map((code): [number, number] => [code, SERVER_ERROR]),
]);

/** The extension's test for an MQTT refusal: `mqtt` (exact name) is an object with a `code`. */
export function hasMqttErrorCode(value: Record<string, unknown>): boolean {
  const mqtt = Object.hasOwn(value, 'mqtt') ? value.mqtt : undefined;
  return isObject(mqtt) && Object.hasOwn(mqtt, 'code');
}

export interface MqttRefusal {
  status: number;
  body: string;
}

/**
 * The refusal of an MQTT client (MqttConnectEventErrorResponseContent, written by the extension's
 * MqttConnectEventErrorResponseJsonConverter: only `mqtt`, nulls kept). Throws with the extension's
 * reason when the value cannot be one; the caller answers 500 with it.
 */
export function mqttRefusal(value: Record<string, unknown>): MqttRefusal {
  const mqtt = field(value, 'mqtt');
  if (mqtt === undefined || mqtt === null) {
    // A plain `{ code, errorMessage }` for an MQTT client: the extension dereferences the missing
    // `mqtt` and answers 500 with .NET's message.
    throw new Error('Object reference not set to an instance of an object.');
  }
  if (!isObject(mqtt)) throw new Error("An MQTT connect error's 'mqtt' should be an object.");
  // The extension casts the number to its byte-sized reason-code enum: 391 reads as 135.
  const code = integer(field(mqtt, 'code') ?? 0) & 0xff;
  const status = (code < 0x80 ? V311_CLASSES : V5_CLASSES).get(code);
  if (status === undefined) {
    throw new Error(
      `Specified argument was out of the range of valid values. (Parameter 'code') Actual value was ${code}.`,
    );
  }
  const reason = field(mqtt, 'reason');
  const refusal: MqttConnectErrorResponse = {
    mqtt: {
      code,
      reason: reason === undefined || reason === null ? null : text(reason),
      userProperties: readUserProperties(field(mqtt, 'userProperties'), true),
    },
  };
  return { status, body: JSON.stringify(refusal) };
}

/** `mqtt` of an accepted MQTT connect (MqttConnectEventResponse.Mqtt): null when not returned. */
export function mqttAcceptance(value: Record<string, unknown>): MqttConnectEventResponse['mqtt'] {
  const mqtt = field(value, 'mqtt');
  if (mqtt === undefined || mqtt === null) return null;
  if (!isObject(mqtt)) throw new Error("'mqtt' should be an object with 'userProperties'.");
  const userProperties: MqttUserProperty[] | null = readUserProperties(
    field(mqtt, 'userProperties'),
    true,
  );
  return { userProperties };
}

/** An Int32 as Newtonsoft reads one: a whole number, or text holding one. */
function integer(value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || Math.abs(n) > 2 ** 31) {
    throw new Error(`Could not convert ${JSON.stringify(value)} to an MQTT connect code.`);
  }
  return n;
}
