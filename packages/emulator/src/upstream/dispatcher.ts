// Sends connection events to the hub's event handlers: `connect` blocks the client until the
// handler decides; connected / user events / disconnected of one connection go out in order.
import type {
  ConnectEventBody,
  GroupPresenceEventName,
  Metadata,
  MqttConnectErrorResponse,
  MqttDisconnectedEventBody,
} from '@wps-local/wire';
import {
  CONTENT_TYPES,
  groupPresenceEventType,
  isMqttConnectErrorResponse,
  METADATA_HEADER_PREFIX,
  systemEventType,
  userEventType,
} from '@wps-local/wire';

import type { InspectorTap } from '../inspector/tap';
import type { Logger } from '../logger';
import type { ClientConnection } from '../state/connection';
import type { OutboundData } from '../ws/outbound';
import type { AbuseProtection } from './abuse-protection';
import type { UpstreamIdentity } from './cloud-events';
import { cloudEventHeaders } from './cloud-events';
import type { CompiledHandler, UpstreamEvent } from './handlers';
import { expandUrl, findHandler } from './handlers';
import type { UpstreamHttpClient, UpstreamResponse } from './http-client';
import { redact } from './http-client';
import type { ConnectDecision } from './responses';
import {
  applyCookies,
  parseConnectResponse,
  parseUserEventReply,
  responseConnectionState,
} from './responses';

export type ConnectOutcome =
  | {
      ok: true;
      decision: ConnectDecision;
      /** Present when the handler set `ce-connectionState`. */
      connectionState?: string;
      cookies: Map<string, string>;
    }
  | {
      ok: false;
      status: number;
      reason: string;
      /** An MQTT client's CONNACK, when the handler's error body gave one. */
      mqtt?: MqttConnectErrorResponse['mqtt'];
    };

/**
 * A failure says why: `noHandler` when no handler takes the event, `status` when the handler
 * answered with a non-2xx status; neither when it could not be reached or its reply was unusable.
 */
export type UserEventOutcome =
  | { ok: true; reply?: OutboundData }
  | { ok: false; reason: string; status?: number; noHandler?: boolean };

export interface UserEventPayload {
  bytes: Buffer;
  contentType: string;
  metadata?: Metadata;
}

export interface DispatcherOptions {
  handlersFor(hub: string): readonly CompiledHandler[];
  http: UpstreamHttpClient;
  abuse: AbuseProtection;
  origin: string;
  log: Logger;
  /** The inspector's hook around each call (faults, live log). */
  tap?: InspectorTap;
}

const JSON_UTF8 = 'application/json; charset=utf-8';

export class UpstreamDispatcher {
  constructor(private readonly o: DispatcherOptions) {}

  hasHandler(hub: string, event: UpstreamEvent): boolean {
    return findHandler(this.o.handlersFor(hub), event) !== undefined;
  }

  /** No handler for `connect`: the connection is accepted with the token's defaults. */
  async connect(who: UpstreamIdentity, body: ConnectEventBody): Promise<ConnectOutcome> {
    const cookies = new Map<string, string>();
    const event: UpstreamEvent = { kind: 'system', name: 'connect' };
    const handler = findHandler(this.o.handlersFor(who.hubName), event);
    if (!handler) return { ok: true, decision: {}, cookies };
    let res: UpstreamResponse;
    try {
      res = await this.post(handler, who, event, 0, Buffer.from(JSON.stringify(body)), JSON_UTF8);
    } catch (err) {
      return { ok: false, status: 500, reason: this.fail(who, 'connect', err) };
    }
    if (res.status < 200 || res.status >= 300) {
      // 4xx answers reach the client as they are; anything else is the service's 500.
      const status = res.status >= 400 && res.status < 500 ? res.status : 500;
      const mqtt = mqttConnectError(res.body);
      return {
        ok: false,
        status,
        reason: `the connect handler answered ${res.status}`,
        ...(mqtt ? { mqtt } : {}),
      };
    }
    try {
      const decision = parseConnectResponse(res.body);
      applyCookies(res, cookies);
      const state = responseConnectionState(res);
      return {
        ok: true,
        decision,
        cookies,
        ...(state !== undefined ? { connectionState: state } : {}),
      };
    } catch (err) {
      return { ok: false, status: 500, reason: this.fail(who, 'connect', err) };
    }
  }

  connected(conn: ClientConnection): void {
    this.notify(conn, { kind: 'system', name: 'connected' }, Buffer.from('{}'));
  }

  disconnected(conn: ClientConnection, reason: string | undefined): void {
    const body = Buffer.from(
      JSON.stringify(conn.mqtt ? mqttDisconnected(conn, reason) : reason ? { reason } : {}),
    );
    this.notify(conn, { kind: 'system', name: 'disconnected' }, body);
  }

  /** `joined` / `left`, to handlers that subscribe to them for this group; body `{"group":..}`. */
  groupPresence(conn: ClientConnection, group: string, joined: boolean): void {
    const name: GroupPresenceEventName = joined ? 'joined' : 'left';
    this.notify(conn, { kind: 'presence', name, group }, Buffer.from(JSON.stringify({ group })));
  }

  /** Queued behind the connection's earlier events; resolves with the handler's reply. */
  userEvent(
    conn: ClientConnection,
    name: string,
    payload: UserEventPayload,
  ): Promise<UserEventOutcome> {
    const event: UpstreamEvent = { kind: 'user', name };
    const run = async (): Promise<UserEventOutcome> => {
      const handler = findHandler(this.o.handlersFor(conn.hub.name), event);
      if (!handler) {
        return { ok: false, reason: `no event handler for user event '${name}'`, noHandler: true };
      }
      try {
        const res = await this.post(
          handler,
          identity(conn),
          event,
          conn.nextEventId(),
          payload.bytes,
          payload.contentType,
          payload.metadata,
        );
        if (res.status < 200 || res.status >= 300) {
          return { ok: false, reason: `the handler answered ${res.status}`, status: res.status };
        }
        applyCookies(res, conn.cookies);
        const state = responseConnectionState(res);
        if (state !== undefined) conn.connectionState = state || undefined;
        const reply = parseUserEventReply(res);
        return reply ? { ok: true, reply } : { ok: true };
      } catch (err) {
        return { ok: false, reason: this.fail(conn, name, err) };
      }
    };
    const result = conn.upstream.then(run);
    conn.upstream = result.then(() => undefined);
    return result;
  }

  /** Non-blocking system events: failures are logged and lose nothing else. */
  private notify(conn: ClientConnection, event: UpstreamEvent, body: Buffer): void {
    const name = event.name;
    const handler = findHandler(this.o.handlersFor(conn.hub.name), event);
    if (!handler) return;
    const id = conn.nextEventId();
    conn.upstream = conn.upstream.then(async () => {
      try {
        // Read the identity when the event goes out: earlier events may have changed its state.
        const res = await this.post(handler, identity(conn), event, id, body, JSON_UTF8);
        if (res.status < 200 || res.status >= 300) {
          this.o.log.warn(`${name} event for ${conn.id}: the handler answered ${res.status}`);
        }
      } catch (err) {
        this.fail(conn, name, err);
      }
    });
  }

  private async post(
    handler: CompiledHandler,
    who: UpstreamIdentity,
    event: UpstreamEvent,
    eventId: number,
    body: Buffer,
    contentType: string,
    metadata?: Metadata,
  ): Promise<UpstreamResponse> {
    const url = expandUrl(handler.urlTemplate, who.hubName, event.name);
    await this.o.abuse.ensureValidated(expandUrl(handler.urlTemplate, who.hubName, 'validate'));
    const type =
      event.kind === 'system'
        ? systemEventType(event.name)
        : event.kind === 'user'
          ? userEventType(event.name)
          : groupPresenceEventType(event.name);
    const headers = cloudEventHeaders(who, type, event.name, eventId, this.o.origin);
    headers['content-type'] = contentType;
    for (const [k, v] of Object.entries(metadata ?? {})) headers[METADATA_HEADER_PREFIX + k] = v;
    const send = () => this.o.http.send({ method: 'POST', url, headers, body });
    const res = await (this.o.tap?.upstream({ who, event: event.name, url, headers }, send) ??
      send());
    if (this.o.log.enabled('debug')) {
      this.o.log.debug(`${type} ${who.id} -> ${redact(url)} ${res.status}`);
    }
    return res;
  }

  private fail(who: { id: string }, event: string, err: unknown): string {
    const reason = err instanceof Error ? err.message : String(err);
    this.o.log.warn(`${event} event for ${who.id} failed: ${reason}`);
    return reason;
  }
}

export function identity(conn: ClientConnection): UpstreamIdentity {
  return {
    id: conn.id,
    hubName: conn.hub.name,
    userId: conn.userId,
    subprotocol: conn.subprotocol,
    signature: conn.signature,
    connectionState: conn.connectionState,
    cookies: conn.cookies,
    ...(conn.mqtt
      ? {
          mqtt: {
            physicalConnectionId: conn.mqtt.physicalConnectionId,
            sessionId: conn.mqtt.sessionId,
          },
        }
      : {}),
  };
}

function mqttDisconnected(
  conn: ClientConnection,
  reason: string | undefined,
): MqttDisconnectedEventBody {
  return {
    reason: reason ?? null,
    mqtt: conn.mqtt?.disconnect ?? { initiatedByClient: false, disconnectPacket: null },
  };
}

/** The `mqtt` CONNACK details of a connect handler's error body, if it has them. */
function mqttConnectError(body: Buffer): MqttConnectErrorResponse['mqtt'] | undefined {
  if (body.length === 0) return undefined;
  try {
    const json: unknown = JSON.parse(body.toString('utf8'));
    return isMqttConnectErrorResponse(json) ? json.mqtt : undefined;
  } catch {
    return undefined;
  }
}

export const USER_EVENT_CONTENT_TYPES: Record<OutboundData['dataType'], string> = {
  text: CONTENT_TYPES.text,
  json: CONTENT_TYPES.json,
  binary: CONTENT_TYPES.binary,
  protobuf: CONTENT_TYPES.protobuf,
};
