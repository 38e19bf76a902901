// CONNECT: check it against the service's limits, ask the `connect` handler (with the packet's
// MQTT properties), then start a new session or resume the client's existing one, and CONNACK.
// Sources: azure-docs includes/mqtt-connection-parameters.md (versions, client ids, 3.1.1
// keep-alive, will limits), reference-mqtt-cloud-events.md (the connect event and its answers; a
// resumed session ignores userId/groups/roles and sends no `connected`), overview-mqtt.md
// (sessions kept up to 30 s; retained messages, wildcard and shared subscriptions and topic
// aliases unsupported; assigned client ids for 5.0).
import { randomBytes } from 'node:crypto';

import type { ConnectEventBody, MqttConnectEventBody } from '@wps-local/wire';
import {
  httpStatusToMqttConnectCode,
  MQTT_EVENT_SUBPROTOCOL,
  MQTT_PROTOCOL_VERSIONS,
  MQTT_V5_REASON_CODES as V5,
  MQTT_V311_CONNECT_RETURN_CODES as V311,
} from '@wps-local/wire';
import type { IConnectPacket } from 'mqtt-packet';

import { EmulatorError } from '../../errors';
import { ClientConnection } from '../../state/connection';
import { ConnectionPermissions } from '../../state/permissions';
import { computeSignature } from '../../upstream/signature';
import type { Refusal } from './connect-rules';
import {
  checkConnect,
  connack,
  randomClientId,
  refusalConnack,
  serviceError,
  sessionExpiry,
} from './connect-rules';
import type { MqttLink } from './link';
import { connackFailureCode, toUserPropertyList } from './properties';
import { MqttSession } from './session';

/** What the WebSocket handshake established before the first MQTT packet. */
export interface MqttHandshake {
  hub: string;
  userId: string | null;
  roles: string[];
  groups: string[];
  /** The `connect` event body without its `mqtt` part (claims, query, headers, subprotocols). */
  event: ConnectEventBody;
}

export async function handleConnect(link: MqttLink, packet: IConnectPacket): Promise<void> {
  const { ctx, handshake } = link;
  const version = packet.protocolVersion;
  if (version !== MQTT_PROTOCOL_VERSIONS.v311 && version !== MQTT_PROTOCOL_VERSIONS.v500) {
    // MQTT 3.1 (MQIsdp): the 3.1.1 CONNACK "unacceptable protocol version" (spec 3.1.2.2).
    link.version = MQTT_PROTOCOL_VERSIONS.v311;
    refuse(link, { code: V311.unacceptableProtocolVersion, reason: 'Use MQTT 3.1.1 or 5.0.' });
    return;
  }
  link.version = version;
  const v5 = version === MQTT_PROTOCOL_VERSIONS.v500;
  let clientId = packet.clientId;
  let assigned: string | undefined;
  if (clientId === '' && v5) clientId = assigned = randomClientId();
  const invalid = checkConnect(packet, clientId, version);
  if (invalid) {
    refuse(link, invalid);
    return;
  }

  const body: MqttConnectEventBody = {
    ...handshake.event,
    mqtt: {
      protocolVersion: version,
      cleanStart: packet.clean ?? true,
      username: packet.username ?? null,
      password: packet.password ? Buffer.from(packet.password).toString('base64') : null,
      userProperties: v5 ? toUserPropertyList(packet.properties?.userProperties) : null,
    },
  };
  const mqtt = { physicalConnectionId: link.physicalConnectionId };
  const outcome = await ctx.dispatcher.connect(
    {
      id: clientId,
      hubName: handshake.hub,
      userId: handshake.userId,
      subprotocol: MQTT_EVENT_SUBPROTOCOL,
      signature: computeSignature(ctx.accessKey, clientId),
      connectionState: undefined,
      cookies: new Map(),
      mqtt,
    },
    body,
  );
  if (link.ws.readyState !== link.ws.OPEN) return; // the client gave up while the handler decided
  if (!outcome.ok) {
    const code = outcome.mqtt
      ? connackFailureCode(outcome.mqtt.code, version)
      : httpStatusToMqttConnectCode(outcome.status, version);
    refuse(link, {
      code,
      reason: outcome.mqtt?.reason ?? 'The connection was refused by the event handler.',
      ...(outcome.mqtt?.userProperties ? { userProperties: outcome.mqtt.userProperties } : {}),
    });
    return;
  }
  const { decision } = outcome;
  if (decision.subprotocol !== undefined && decision.subprotocol !== MQTT_EVENT_SUBPROTOCOL) {
    refuse(
      link,
      serviceError(
        version,
        `The connect handler chose subprotocol '${decision.subprotocol}'; MQTT clients use 'mqtt'.`,
      ),
    );
    return;
  }

  const hub = ctx.hubs.get(handshake.hub);
  const existing = hub.connections.get(clientId);
  const existingSession = existing?.codec instanceof MqttSession ? existing.codec : undefined;
  const resume = existing && existingSession && !existing.ended && packet.clean === false;
  let session: MqttSession;
  if (resume) {
    session = existingSession;
    takeOver(existing);
    session.version = version;
    existing.mqtt!.physicalConnectionId = link.physicalConnectionId;
    existing.mqtt!.disconnect = undefined;
    if (session.expiryTimer) clearTimeout(session.expiryTimer);
  } else {
    if (existing) {
      takeOver(existing);
      ctx.lifecycle.end(
        existing,
        'Another connection with the same client ID started a new session.',
      );
    }
    let permissions: ConnectionPermissions;
    try {
      permissions = ConnectionPermissions.fromRoles(decision.roles ?? handshake.roles);
    } catch (err) {
      refuse(
        link,
        serviceError(version, err instanceof EmulatorError ? err.message : 'Invalid roles.'),
      );
      return;
    }
    session = new MqttSession(version);
    const conn = new ClientConnection({
      id: clientId,
      hub,
      userId: decision.userId ?? handshake.userId,
      codec: session,
      subprotocol: MQTT_EVENT_SUBPROTOCOL,
      permissions,
      accessKey: ctx.accessKey,
      ...(outcome.connectionState ? { connectionState: outcome.connectionState } : {}),
    });
    conn.mqtt = { physicalConnectionId: link.physicalConnectionId, sessionId: newSessionId() };
    for (const [k, v] of outcome.cookies) conn.cookies.set(k, v);
    session.conn = conn;
  }
  const conn = session.conn;
  session.expirySeconds = sessionExpiry(packet, version);
  if (v5) session.receiveMaximum = packet.properties?.receiveMaximum ?? 65535;
  conn.socket = link.ws;
  ctx.tap?.attached(conn, link.ws, Boolean(resume));
  if (!resume) {
    hub.add(conn);
    ctx.dispatcher.connected(conn);
    for (const g of decision.groups ?? handshake.groups) hub.addToGroup(conn, g);
  }
  link.send(
    connack(
      version,
      Boolean(resume),
      session.expirySeconds,
      packet,
      assigned,
      decision.mqttUserProperties,
    ),
  );
  link.opened(session, packet.keepalive ?? 0);
  if (resume) session.resume(link.ws);
  // The will of this connection (a resumed session takes the new one, or none).
  setWill(session, packet);
}

function refuse(link: MqttLink, refusal: Refusal): void {
  if (refusal === 'close') {
    link.closeSilently('The CONNECT packet was refused.');
    return;
  }
  link.send(refusalConnack(link.version, refusal));
  link.closeSilently(refusal.reason);
}

/** The session's previous physical connection, if still open, ends: "session taken over". */
function takeOver(existing: ClientConnection): void {
  const previous = existing.socket;
  if (!previous) return;
  existing.socket = null;
  const session = existing.codec instanceof MqttSession ? existing.codec : undefined;
  if (session?.version === MQTT_PROTOCOL_VERSIONS.v500) {
    session.sendTo(previous, {
      cmd: 'disconnect',
      reasonCode: V5.sessionTakenOver,
      properties: { reasonString: 'Session taken over.' },
    });
  }
  previous.close(1000, 'Session taken over.');
}

function setWill(session: MqttSession, packet: IConnectPacket): void {
  const will = packet.will;
  session.will = will
    ? {
        topic: will.topic,
        payload: Buffer.from(will.payload),
        qos: will.qos ?? 0,
        ...(will.properties ? { properties: will.properties } : {}),
      }
    : undefined;
}

function newSessionId(): string {
  return randomBytes(16).toString('hex');
}
