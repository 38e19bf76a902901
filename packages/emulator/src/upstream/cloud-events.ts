// The `ce-*` headers of one upstream event (CloudEvents binary mode, as the service sends them).
import { CE_HEADERS, MQTT_CE_HEADERS, WEBHOOK_REQUEST_ORIGIN } from '@wps-local/wire';

/** What the upstream side needs to know of a connection (the connection itself, or a connect attempt). */
export interface UpstreamIdentity {
  id: string;
  hubName: string;
  userId: string | null;
  subprotocol: string | null;
  signature: string;
  connectionState: string | undefined;
  cookies: ReadonlyMap<string, string>;
  /** MQTT clients: `ce-physicalConnectionId`, and `ce-sessionId` once the session exists. */
  mqtt?: { physicalConnectionId: string; sessionId?: string };
}

export function cloudEventHeaders(
  who: UpstreamIdentity,
  type: string,
  eventName: string,
  eventId: number,
  origin: string,
): Record<string, string> {
  const h: Record<string, string> = {
    [CE_HEADERS.specVersion]: '1.0',
    [CE_HEADERS.awpsVersion]: '1.0',
    [CE_HEADERS.type]: type,
    [CE_HEADERS.source]: `/hubs/${who.hubName}/client/${who.id}`,
    [CE_HEADERS.id]: String(eventId),
    [CE_HEADERS.time]: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    [CE_HEADERS.hub]: who.hubName,
    [CE_HEADERS.connectionId]: who.id,
    [CE_HEADERS.eventName]: eventName,
    [CE_HEADERS.signature]: who.signature,
    [WEBHOOK_REQUEST_ORIGIN]: origin,
  };
  if (who.mqtt) {
    h[CE_HEADERS.source] += `/${who.mqtt.physicalConnectionId}`;
    h[MQTT_CE_HEADERS.physicalConnectionId] = who.mqtt.physicalConnectionId;
    if (who.mqtt.sessionId) h[MQTT_CE_HEADERS.sessionId] = who.mqtt.sessionId;
  }
  if (who.userId !== null) h[CE_HEADERS.userId] = who.userId;
  if (who.subprotocol) h[CE_HEADERS.subprotocol] = who.subprotocol;
  if (who.connectionState) h[CE_HEADERS.connectionState] = who.connectionState;
  if (who.cookies.size > 0) {
    h.cookie = [...who.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  return h;
}
