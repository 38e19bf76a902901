// A connect or user-event function's return value → the HTTP answer to the service, as
// the extension's response converters build it: errors first, then connect decisions or user-event replies, with merged states.
import { CE_HEADERS, CONTENT_TYPES } from '@wps-local/wire';

import type { RpcTypedData } from '../core/types';
import type { ConnectionContext } from './connection-context';
import { encodeStates, mergeStates } from './connection-states';
import { hasMqttErrorCode, mqttAcceptance, mqttRefusal } from './mqtt-connect-response';
import type { DataTypeValue } from './payload';
import { dataTypeValue, field, fromTypedData, isObject, messageData, text } from './payload';

export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

export const EMPTY_OK: WebhookResponse = { status: 200, headers: {}, body: '' };

const ERROR_STATUS: Record<string, number> = {
  unauthorized: 401,
  usererror: 400,
  servererror: 500,
};
const STATUS_NAMES = ['success', 'unauthorized', 'usererror', 'servererror'];
const REPLY_TYPES: Record<DataTypeValue, string> = {
  binary: CONTENT_TYPES.binary,
  json: CONTENT_TYPES.json,
  text: CONTENT_TYPES.text,
};

export function errorResponse(status: number, message: string): WebhookResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: message };
}

/** `warn` hears about return values the extension ignores. */
export function eventResponse(
  kind: 'connect' | 'user',
  returned: RpcTypedData | null | undefined,
  ctx: ConnectionContext,
  warn: (message: string) => void,
): WebhookResponse {
  if (returned === null || returned === undefined) return EMPTY_OK;
  try {
    const { fromJson, value } = fromTypedData(returned);
    if (value === null || value === undefined) return EMPTY_OK;
    if (!fromJson || (typeof value !== 'object' && !Array.isArray(value))) {
      warn(`Invalid response type ${typeof value} regarding current request: ${kind}`);
      return EMPTY_OK;
    }
    if (!isObject(value)) throw new Error('Response should be a JObject.');
    const hasCode = Object.hasOwn(value, 'code');
    const status = hasCode ? errorStatus(value.code) : undefined;
    if (status !== undefined || hasMqttErrorCode(value)) {
      if (ctx.mqtt) {
        const refusal = mqttRefusal(value);
        return errorResponse(refusal.status, refusal.body);
      }
      // `{ mqtt: { code } }` for another client reads as a plain error: with no `code` that is
      // Unauthorized (the enum's default), with `code: success` the server error it maps to.
      const message = field(value, 'errorMessage');
      return errorResponse(status ?? (hasCode ? 500 : 401), message == null ? '' : text(message));
    }
    return kind === 'connect' ? connectResponse(value, ctx) : userEventResponse(value, ctx);
  } catch (err) {
    return errorResponse(500, (err as Error).message);
  }
}

/** Undefined for success; throws for a code that is not a status. */
function errorStatus(code: unknown): number | undefined {
  const lowered = text(code).toLowerCase();
  const numeric = /^-?\d+$/.test(lowered);
  const index = numeric ? Number(lowered) + 1 : STATUS_NAMES.indexOf(lowered);
  if (code === null || typeof code === 'object' || (!numeric && index < 0)) {
    throw new Error(
      `Error converting value ${JSON.stringify(code)} to type 'WebPubSubStatusCode'.`,
    );
  }
  if (index === 0) return undefined;
  return ERROR_STATUS[STATUS_NAMES[index] ?? ''] ?? 500;
}

function connectResponse(value: Record<string, unknown>, ctx: ConnectionContext): WebhookResponse {
  // Re-serialised with nulls kept, like the extension's ConnectEventResponse.
  const body = JSON.stringify({
    userId: optionalString(field(value, 'userId'), 'userId'),
    groups: optionalStrings(field(value, 'groups'), 'groups'),
    subprotocol: optionalString(field(value, 'subprotocol'), 'subprotocol'),
    roles: optionalStrings(field(value, 'roles'), 'roles'),
    // An MQTT client's answer is a MqttConnectEventResponse: `mqtt` too, null when not given.
    ...(ctx.mqtt ? { mqtt: mqttAcceptance(value) } : {}),
  });
  return withStates(
    { status: 200, headers: { 'content-type': CONTENT_TYPES.json }, body },
    value,
    ctx,
  );
}

function userEventResponse(
  value: Record<string, unknown>,
  ctx: ConnectionContext,
): WebhookResponse {
  const data = field(value, 'data');
  const dataType = dataTypeValue(field(value, 'dataType'), 'binary');
  const body = data === undefined || data === null ? '' : messageData(data);
  const headers = { 'content-type': REPLY_TYPES[dataType] };
  return withStates({ status: 200, headers, body }, value, ctx);
}

function withStates(
  response: WebhookResponse,
  value: Record<string, unknown>,
  ctx: ConnectionContext,
): WebhookResponse {
  const merged = mergeStates(ctx.states, Object.hasOwn(value, 'states') ? value.states : undefined);
  if (merged) response.headers[CE_HEADERS.connectionState] = encodeStates(merged);
  return response;
}

function optionalString(value: unknown, name: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') throw new Error(`'${name}' should be a string.`);
  return text(value);
}

function optionalStrings(value: unknown, name: string): string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.some((v) => v !== null && typeof v === 'object')) {
    throw new Error(`'${name}' should be an array of strings.`);
  }
  return value.map((v) => (v === null ? v : text(v)) as string);
}
