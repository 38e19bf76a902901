// One physical MQTT connection (a WebSocket): mqtt-packet parses its binary frames, CONNECT must
// come first, keep-alive is watched, and every other packet goes to its handler. Bad input is
// refused the MQTT way (DISCONNECT with a reason code for 5.0, a closed connection for 3.1.1),
// never with an exception.
import type { MqttDisconnectPacket, MqttProtocolVersion } from '@wps-local/wire';
import {
  CLOSE_CODES,
  MAX_MESSAGE_BYTES,
  MQTT_PROTOCOL_VERSIONS,
  MQTT_V5_REASON_CODES,
} from '@wps-local/wire';
import type { Packet, Parser } from 'mqtt-packet';
import { generate, parser as mqttParser } from 'mqtt-packet';
import type { RawData, WebSocket } from 'ws';

import type { EmulatorContext } from '../../context';
import { newConnectionId } from '../../state/connection';
import { truncateReason } from '../lifecycle';
import type { MqttHandshake } from './connect';
import { handleConnect } from './connect';
import { handlePublish, handlePubrel, handleSubscribe, handleUnsubscribe } from './packets';
import { toUserPropertyList } from './properties';
import type { MqttSession } from './session';
import { publishWill } from './will';

/** A client that opens a WebSocket and never sends CONNECT is dropped after this. */
const CONNECT_TIMEOUT_MS = 10_000;

type State = 'awaitingConnect' | 'connecting' | 'open' | 'closed';

export interface LinkHooks {
  /** Keeps a session-expiry timer so that closing the emulator can cancel it. */
  track(timer: NodeJS.Timeout): void;
}

export class MqttLink {
  readonly physicalConnectionId = newConnectionId();
  version: MqttProtocolVersion = MQTT_PROTOCOL_VERSIONS.v311;
  session: MqttSession | undefined;
  /** The client sent DISCONNECT with "normal disconnection": its will is not published. */
  private normalDisconnect = false;
  /** Why the service ended this connection, for the `disconnected` event. */
  private closeReason: string | undefined;
  private state: State = 'awaitingConnect';
  private readonly parser: Parser = mqttParser({ protocolVersion: 4 });
  private readonly pending: Packet[] = [];
  private keepAliveMs = 0;
  private lastPacketAt = Date.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly ctx: EmulatorContext,
    readonly ws: WebSocket,
    readonly handshake: MqttHandshake,
    private readonly hooks: LinkHooks,
  ) {}

  start(): void {
    this.parser.on('packet', (p: Packet) => this.onPacket(p));
    this.parser.on('error', (err: Error) =>
      this.protocolError(MQTT_V5_REASON_CODES.malformedPacket, `Malformed packet: ${err.message}`),
    );
    this.ws.on('message', (data: RawData, isBinary: boolean) =>
      this.onFrame(data as Buffer, isBinary),
    );
    this.ws.on('error', (err) => this.ctx.log.debug(`MQTT socket error: ${err.message}`));
    this.ws.on('close', () => this.onClose());
    this.timer = setTimeout(
      () => this.ws.close(CLOSE_CODES.policyViolation, 'No CONNECT packet.'),
      CONNECT_TIMEOUT_MS,
    );
  }

  /** After a successful CONNACK: packets that came while the handler decided are handled now. */
  opened(session: MqttSession, keepAliveSeconds: number): void {
    this.session = session;
    this.state = 'open';
    this.keepAliveMs = keepAliveSeconds * 1500; // "one and a half times the Keep Alive"
    this.armKeepAlive();
    for (const p of this.pending.splice(0)) if (this.state === 'open') this.dispatch(p);
  }

  send(packet: Packet): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(generate(packet, { protocolVersion: this.version }));
  }

  /**
   * The service ends this connection: 5.0 clients get DISCONNECT with the reason code first.
   * `reason` becomes the `disconnected` event's reason if this ends the session.
   */
  serverDisconnect(code: number, reason: string, wsCode: number = CLOSE_CODES.normal): void {
    if (this.state === 'closed') return;
    const v5 = this.version === MQTT_PROTOCOL_VERSIONS.v500;
    if (v5 && this.state === 'open') {
      this.send({ cmd: 'disconnect', reasonCode: code, properties: { reasonString: reason } });
    }
    this.recordDisconnect(false, v5 ? { code, userProperties: null } : null);
    this.closeReason = reason;
    this.state = 'closed';
    this.ws.close(wsCode, truncateReason(reason));
  }

  /** Before CONNACK there is nobody to tell: the connection just closes. */
  closeSilently(reason: string): void {
    this.state = 'closed';
    this.ws.close(CLOSE_CODES.policyViolation, truncateReason(reason));
  }

  protocolError(code: number, reason: string): void {
    if (this.state === 'open') this.serverDisconnect(code, reason, CLOSE_CODES.policyViolation);
    else this.closeSilently(reason);
  }

  private onFrame(data: Buffer, isBinary: boolean): void {
    if (this.state === 'closed') return;
    if (this.session) this.ctx.tap?.frameIn(this.session.conn, data, isBinary);
    // MQTT over WebSocket is binary frames only (MQTT 5.0 §6.0.0-1, 3.1.1 §6).
    if (!isBinary) {
      this.protocolError(
        MQTT_V5_REASON_CODES.malformedPacket,
        'MQTT packets come in binary frames.',
      );
      return;
    }
    this.lastPacketAt = Date.now();
    let buffered: number;
    try {
      buffered = this.parser.parse(data);
    } catch (err) {
      // A handler that throws must not take the process down: the client is told and closed.
      this.ctx.log.error(`MQTT packet handling failed: ${String(err)}`);
      this.protocolError(
        MQTT_V5_REASON_CODES.implementationSpecificError,
        'Internal server error.',
      );
      return;
    }
    if (buffered > MAX_MESSAGE_BYTES && (this.state as State) !== 'closed') {
      this.protocolError(MQTT_V5_REASON_CODES.packetTooLarge, 'The packet is larger than 1 MiB.');
    }
  }

  private onPacket(p: Packet): void {
    switch (this.state) {
      case 'awaitingConnect':
        if (p.cmd !== 'connect') {
          this.closeSilently('The first packet must be CONNECT.');
          return;
        }
        clearTimeout(this.timer);
        this.state = 'connecting';
        // Later packets of this frame are parsed with the client's protocol version.
        setParserVersion(this.parser, p.protocolVersion ?? 4);
        void handleConnect(this, p).catch((err: unknown) => {
          this.ctx.log.error(`MQTT connect failed: ${String(err)}`);
          this.closeSilently('The emulator failed to accept the connection.');
        });
        return;
      case 'connecting':
        this.pending.push(p);
        return;
      case 'open':
        this.dispatch(p);
        return;
      case 'closed':
        return;
    }
  }

  private dispatch(p: Packet): void {
    const session = this.session!;
    switch (p.cmd) {
      case 'publish':
        handlePublish(this, session, p);
        return;
      case 'puback':
        session.acknowledge(p.messageId ?? 0);
        return;
      case 'pubrel':
        handlePubrel(this, session, p);
        return;
      case 'subscribe':
        handleSubscribe(this, session, p);
        return;
      case 'unsubscribe':
        handleUnsubscribe(this, session, p);
        return;
      case 'pingreq':
        this.send({ cmd: 'pingresp' });
        return;
      case 'disconnect':
        this.onClientDisconnect(session, p);
        return;
      default:
        // A second CONNECT, AUTH (no enhanced authentication), or a server-only packet.
        this.protocolError(
          MQTT_V5_REASON_CODES.protocolError,
          `Unexpected ${p.cmd.toUpperCase()} packet.`,
        );
    }
  }

  private onClientDisconnect(
    session: MqttSession,
    p: Extract<Packet, { cmd: 'disconnect' }>,
  ): void {
    const code = p.reasonCode ?? 0;
    this.normalDisconnect = code === MQTT_V5_REASON_CODES.normalDisconnection;
    const v5 = this.version === MQTT_PROTOCOL_VERSIONS.v500;
    this.recordDisconnect(true, {
      code: v5 ? code : 0,
      userProperties: toUserPropertyList(p.properties?.userProperties),
    });
    this.closeReason = p.properties?.reasonString;
    const expiry = p.properties?.sessionExpiryInterval;
    // A session that started with expiry 0 may not gain one at DISCONNECT (MQTT 5.0 3.14.2.2.2).
    if (expiry !== undefined && session.expirySeconds > 0)
      session.expirySeconds = Math.min(expiry, 30);
    this.state = 'closed';
    this.ws.close(CLOSE_CODES.normal);
  }

  private recordDisconnect(initiatedByClient: boolean, packet: MqttDisconnectPacket | null): void {
    const mqtt = this.session?.conn.mqtt;
    if (mqtt) mqtt.disconnect = { initiatedByClient, disconnectPacket: packet };
  }

  private onClose(): void {
    this.state = 'closed';
    clearTimeout(this.timer);
    const session = this.session;
    if (!session) return;
    const conn = session.conn;
    if (conn.socket !== this.ws) return; // taken over by a newer connection of the session
    conn.socket = null;
    if (!this.normalDisconnect) publishWill(this.ctx, session);
    if (conn.ended) return;
    const reason = this.closeReason;
    if (conn.mqtt && !conn.mqtt.disconnect)
      conn.mqtt.disconnect = { initiatedByClient: false, disconnectPacket: null };
    if (session.expirySeconds <= 0) {
      this.ctx.lifecycle.end(conn, reason);
      return;
    }
    session.expiryTimer = setTimeout(
      () => this.ctx.lifecycle.end(conn, reason ?? 'The session expired.'),
      session.expirySeconds * 1000,
    );
    session.expiryTimer.unref();
    this.hooks.track(session.expiryTimer);
  }

  private armKeepAlive(): void {
    if (this.keepAliveMs <= 0) return;
    const left = this.lastPacketAt + this.keepAliveMs - Date.now();
    if (left > 0) {
      this.timer = setTimeout(() => this.armKeepAlive(), left);
      return;
    }
    this.serverDisconnect(
      MQTT_V5_REASON_CODES.keepAliveTimeout,
      'Keep alive timeout.',
      CLOSE_CODES.policyViolation,
    );
  }
}

/** mqtt-packet reads the protocol level from its settings after CONNECT; they are not typed. */
function setParserVersion(p: Parser, version: number): void {
  (p as unknown as { settings: { protocolVersion?: number } }).settings.protocolVersion = version;
}
