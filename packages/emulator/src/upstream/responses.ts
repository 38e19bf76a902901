// Reads event handler responses: connect decisions, user-event replies, state and cookies.
import type { MqttConnectEventResponse, MqttUserProperty } from '@wps-local/wire';
import {
  CE_HEADERS,
  CONTENT_TYPES,
  isValidGroupName,
  isValidUserId,
  METADATA_HEADER_PREFIX,
} from '@wps-local/wire';

import type { OutboundData } from '../ws/outbound';
import { headerValue } from './abuse-protection';
import type { UpstreamResponse } from './http-client';

export interface ConnectDecision {
  userId?: string;
  groups?: string[];
  roles?: string[];
  subprotocol?: string;
  /** MQTT clients: user properties for the CONNACK (MQTT 5.0). */
  mqttUserProperties?: MqttUserProperty[];
}

/** Parses a 2xx connect response body; throws with a reason when it is not a valid decision. */
export function parseConnectResponse(body: Buffer): ConnectDecision {
  if (body.length === 0) return {};
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new Error('the connect response is not valid JSON');
  }
  if (json === null) return {};
  if (typeof json !== 'object' || Array.isArray(json)) {
    throw new Error('the connect response must be a JSON object');
  }
  const r = json as MqttConnectEventResponse;
  const decision: ConnectDecision = {};
  if (r.userId != null) {
    if (!isValidUserId(r.userId))
      throw new Error('userId must be a string of at most 1024 characters');
    decision.userId = r.userId;
  }
  if (r.groups != null) {
    if (!Array.isArray(r.groups) || !r.groups.every(isValidGroupName)) {
      throw new Error('groups must be an array of valid group names');
    }
    // Only a non-empty list replaces the token's groups (as the official emulator does).
    if (r.groups.length > 0) decision.groups = r.groups;
  }
  if (r.roles != null) {
    if (!Array.isArray(r.roles) || !r.roles.every((x) => typeof x === 'string')) {
      throw new Error('roles must be an array of strings');
    }
    decision.roles = r.roles;
  }
  if (r.subprotocol != null) {
    if (typeof r.subprotocol !== 'string' || r.subprotocol === '') {
      throw new Error('subprotocol must be a non-empty string');
    }
    decision.subprotocol = r.subprotocol;
  }
  const props = r.mqtt?.userProperties;
  if (props != null) {
    if (!isUserPropertyList(props)) {
      throw new Error('mqtt.userProperties must be an array of { name, value } strings');
    }
    decision.mqttUserProperties = props;
  }
  return decision;
}

function isUserPropertyList(v: unknown): v is MqttUserProperty[] {
  return (
    Array.isArray(v) &&
    v.every(
      (p: unknown) =>
        typeof p === 'object' &&
        p !== null &&
        typeof (p as MqttUserProperty).name === 'string' &&
        typeof (p as MqttUserProperty).value === 'string',
    )
  );
}

/** The reply a user-event response carries back to the client, if any. */
export function parseUserEventReply(res: UpstreamResponse): OutboundData | undefined {
  const metadata = responseMetadata(res);
  if (res.body.length === 0 && !metadata) return undefined;
  const type = mediaType(headerValue(res.headers['content-type']));
  let dataType: OutboundData['dataType'];
  if (res.body.length === 0 || type === CONTENT_TYPES.text) dataType = 'text';
  else if (type === CONTENT_TYPES.json) dataType = 'json';
  else if (type === CONTENT_TYPES.binary || type === undefined) dataType = 'binary';
  else throw new Error(`unsupported response Content-Type '${type}'`);
  if (dataType === 'json') {
    try {
      JSON.parse(res.body.toString('utf8'));
    } catch {
      throw new Error('the response says application/json but is not valid JSON');
    }
  }
  return { dataType, bytes: res.body, ...(metadata ? { metadata } : {}) };
}

/** `undefined`: the handler said nothing about state; `''` clears it. */
export function responseConnectionState(res: UpstreamResponse): string | undefined {
  return headerValue(res.headers[CE_HEADERS.connectionState]);
}

export function applyCookies(res: UpstreamResponse, cookies: Map<string, string>): void {
  const raw = res.headers['set-cookie'];
  for (const line of Array.isArray(raw) ? raw : raw ? [raw] : []) {
    const pair = line.split(';', 1)[0] ?? '';
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (/max-age=0\b|expires=thu, 01 jan 1970/i.test(line)) cookies.delete(name);
    else cookies.set(name, value);
  }
}

function responseMetadata(res: UpstreamResponse): Record<string, string> | undefined {
  let metadata: Record<string, string> | undefined;
  for (const [name, value] of Object.entries(res.headers)) {
    if (!name.startsWith(METADATA_HEADER_PREFIX) || value === undefined) continue;
    // The last header value and its last comma-separated item win, trimmed.
    const last = (headerValue(value) ?? '').split(',').pop()!.trim();
    (metadata ??= {})[name.slice(METADATA_HEADER_PREFIX.length).toLowerCase()] = last;
  }
  return metadata;
}

export function mediaType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  return contentType.split(';', 1)[0]!.trim().toLowerCase() || undefined;
}
