// The event request a Web PubSub function receives (the extension's WebPubSubEventRequest types): the connection context plus
// what each event kind carries, with the extension's property names and PascalCase enums.
import type { ConnectionContext } from './connection-context';
import { statesObject } from './connection-states';
import { readMqttConnect, readMqttDisconnected } from './mqtt-event-bodies';

export type RequestKind = 'connect' | 'connected' | 'disconnected' | 'user' | 'ignored';
export type DataTypeName = 'Text' | 'Json' | 'Binary';

/** Everything the trigger exposes by name (the extension's WebPubSubTriggerEvent). */
export interface WebPubSubEvent {
  kind: RequestKind;
  context: ConnectionContext;
  connectionContext: Record<string, unknown>;
  /** Null for system events the extension does not know (it still runs the function). */
  request: Record<string, unknown> | null;
  data: Buffer | null;
  /** `data` decoded as UTF-8 (lossy for binary, as in the extension). */
  text: string | null;
  dataType: DataTypeName;
  claims: unknown;
  query: unknown;
  subprotocols: unknown;
  clientCertificates: unknown;
  reason: string | null;
}

export function requestKind(ctx: ConnectionContext): RequestKind {
  if (ctx.eventType === 'User') return 'user';
  const name = ctx.eventName.toLowerCase();
  return name === 'connect' || name === 'connected' || name === 'disconnected' ? name : 'ignored';
}

/**
 * Builds the event from the request body. `thumbprint` is the certificate key's spelling: the
 * trigger's Newtonsoft serialisation says `Thumbprint`, webPubSubContext's says `thumbprint`.
 * Throws when a connect or disconnected body is not a JSON object.
 */
export function buildEvent(
  ctx: ConnectionContext,
  kind: RequestKind,
  body: Buffer,
  dataType: DataTypeName,
  thumbprint: 'Thumbprint' | 'thumbprint',
): WebPubSubEvent {
  const connectionContext = {
    eventType: ctx.eventType,
    eventName: ctx.eventName,
    hub: ctx.hub,
    connectionId: ctx.connectionId,
    userId: ctx.userId,
    signature: ctx.signature,
    origin: ctx.origin,
    states: statesObject(ctx.states),
    headers: ctx.headers,
    // MqttConnectionContext's own members.
    ...(ctx.mqtt
      ? { physicalConnectionId: ctx.mqtt.physicalConnectionId, sessionId: ctx.mqtt.sessionId }
      : {}),
  };
  const event: WebPubSubEvent = {
    kind,
    context: ctx,
    connectionContext,
    request: null,
    data: null,
    text: null,
    dataType,
    claims: null,
    query: null,
    subprotocols: null,
    clientCertificates: null,
    reason: null,
  };
  if (kind === 'connect') {
    const b = jsonObject(body, 'connect');
    event.claims = b.claims ?? null;
    event.query = b.query ?? null;
    // MqttConnectEventRequest fixes its subprotocols to ["mqtt"], whatever the body lists.
    event.subprotocols = ctx.mqtt ? ['mqtt'] : (b.subprotocols ?? null);
    event.clientCertificates = Array.isArray(b.clientCertificates)
      ? b.clientCertificates.map((c: { thumbprint?: unknown; content?: unknown } | null) => ({
          [thumbprint]: c?.thumbprint ?? null,
          content: c?.content ?? null,
        }))
      : null;
    event.request = {
      connectionContext,
      claims: event.claims,
      query: event.query,
      headers: b.headers ?? null,
      subprotocols: event.subprotocols,
      clientCertificates: event.clientCertificates,
      ...(ctx.mqtt ? { mqtt: readMqttConnect(b.mqtt) } : {}),
    };
  } else if (kind === 'disconnected') {
    const b = jsonObject(body, 'disconnected');
    event.reason = typeof b.reason === 'string' ? b.reason : null;
    event.request = {
      connectionContext,
      reason: event.reason,
      ...(ctx.mqtt ? { mqtt: readMqttDisconnected(b.mqtt) } : {}),
    };
  } else if (kind === 'user') {
    event.data = body;
    event.text = body.toString('utf8');
    event.request = { connectionContext, data: event.text, dataType };
  } else if (kind === 'connected') {
    event.request = { connectionContext };
  }
  return event;
}

/** Content-Type → data type, as the extension accepts them for user events. */
export function dataTypeOf(contentType: string | undefined): DataTypeName | undefined {
  const media = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (media === 'text/plain') return 'Text';
  if (media === 'application/json') return 'Json';
  if (media === 'application/octet-stream') return 'Binary';
  return undefined;
}

function jsonObject(
  body: Buffer,
  what: string,
): Record<string, unknown> & { clientCertificates?: unknown } {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new Error(`The ${what} event body is not valid JSON.`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`The ${what} event body is not a JSON object.`);
  }
  return value as Record<string, unknown>;
}
