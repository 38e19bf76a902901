// The connection context of an upstream request, read from its CloudEvents headers the way the
// extension's TryParseCloudEvents does: five headers are required, the rest optional.
import {
  CE_HEADERS,
  MQTT_CE_HEADERS,
  MQTT_EVENT_SUBPROTOCOL,
  SYSTEM_EVENT_PREFIX,
  WEBHOOK_REQUEST_ORIGIN,
} from '@wps-local/wire';

import type { ConnectionStates } from './connection-states';
import { decodeStates } from './connection-states';

export type EventType = 'System' | 'User';

export interface ConnectionContext {
  eventType: EventType;
  eventName: string;
  hub: string;
  connectionId: string;
  userId: string | null;
  signature: string | null;
  origin: string;
  states: ConnectionStates;
  /** Every request header but the content ones, by name as sent, values as arrays. */
  headers: Record<string, string[]>;
  /** Set for an MQTT client's event (routed to `clientProtocols: 'mqtt'` triggers first). */
  mqtt: MqttConnection | null;
}

/** The extension's MqttConnectionContext adds these to the context of an MQTT client. */
export interface MqttConnection {
  physicalConnectionId: string;
  /** Absent from `connect`: the session does not exist yet. */
  sessionId: string | null;
}

/** Lower-cased header name → value (Node's `req.headers` shape). */
export type HeaderBag = Record<string, string | string[] | undefined>;

/** .NET keeps these on the request content, not in the headers the context lists. */
const CONTENT_HEADERS = new Set([
  'allow',
  'content-disposition',
  'content-encoding',
  'content-language',
  'content-length',
  'content-location',
  'content-md5',
  'content-range',
  'content-type',
  'expires',
  'last-modified',
]);

/** Undefined when a required header is missing or the state header is malformed (→ 400). */
export function readConnectionContext(
  headers: HeaderBag,
  listed: Record<string, string[]>,
): ConnectionContext | undefined {
  const connectionId = single(headers[CE_HEADERS.connectionId]);
  const hub = single(headers[CE_HEADERS.hub]);
  const type = single(headers[CE_HEADERS.type]);
  const eventName = single(headers[CE_HEADERS.eventName]);
  const origin = joined(headers[WEBHOOK_REQUEST_ORIGIN]);
  if (connectionId === undefined || hub === undefined || type === undefined) return undefined;
  if (eventName === undefined || origin === undefined) return undefined;
  let states: ConnectionStates;
  try {
    states = decodeStates(single(headers[CE_HEADERS.connectionState]) ?? '');
  } catch {
    return undefined;
  }
  return {
    eventType: type.toLowerCase().startsWith(SYSTEM_EVENT_PREFIX) ? 'System' : 'User',
    eventName,
    hub,
    connectionId,
    userId: single(headers[CE_HEADERS.userId]) ?? null,
    signature: joined(headers[CE_HEADERS.signature]) ?? null,
    origin,
    states,
    headers: listed,
    mqtt: mqttConnection(headers),
  };
}

/**
 * As the extension's TryParseCloudEvents decides it: a `ce-subprotocol` value `mqtt` and a
 * `ce-physicalConnectionId` header make the event an MQTT client's.
 */
function mqttConnection(headers: HeaderBag): MqttConnection | null {
  const physicalConnectionId = single(headers[MQTT_CE_HEADERS.physicalConnectionId]);
  if (physicalConnectionId === undefined) return null;
  const subprotocols = headers[CE_HEADERS.subprotocol];
  // Node joins repeated headers with ', '; .NET keeps each line as a value.
  const values = (Array.isArray(subprotocols) ? subprotocols : [subprotocols ?? '']).flatMap((v) =>
    v.split(', '),
  );
  if (!values.includes(MQTT_EVENT_SUBPROTOCOL)) return null;
  return {
    physicalConnectionId,
    sessionId: single(headers[MQTT_CE_HEADERS.sessionId]) ?? null,
  };
}

/** Node's raw header list → name (first spelling seen) → values, without content headers. */
export function listHeaders(rawHeaders: readonly string[]): Record<string, string[]> {
  const listed = Object.create(null) as Record<string, string[]>;
  // Names differing only in case are one header. All-lower-case names (what the service sends)
  // match exactly; the case-insensitive index is built only once a name with capitals shows up.
  let byLower: Map<string, string> | undefined;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    const lower = name.toLowerCase();
    if (CONTENT_HEADERS.has(lower)) continue;
    let key: string | undefined = name in listed ? name : undefined;
    if (key === undefined && (byLower !== undefined || name !== lower)) {
      byLower ??= new Map(Object.keys(listed).map((k) => [k.toLowerCase(), k]));
      key = byLower.get(lower);
    }
    if (key === undefined) {
      listed[name] = [rawHeaders[i + 1]!];
      byLower?.set(lower, name);
    } else listed[key]!.push(rawHeaders[i + 1]!);
  }
  return listed;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function joined(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}
