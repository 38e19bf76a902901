// What CONNECT and the packet handlers need of a physical MQTT connection, apart from the class
// that implements it (./link), so that the handlers and the connection do not import each other.
import type { ConnectEventBody, MqttProtocolVersion } from '@wps-local/wire';
import type { Packet } from 'mqtt-packet';
import type { WebSocket } from 'ws';

import type { EmulatorContext } from '../../context';
import type { MqttSession } from './session';

/** What the WebSocket handshake established before the first MQTT packet. */
export interface MqttHandshake {
  hub: string;
  userId: string | null;
  roles: string[];
  groups: string[];
  /** The `connect` event body without its `mqtt` part (claims, query, headers, subprotocols). */
  event: ConnectEventBody;
}

export interface MqttLinkApi {
  readonly ctx: EmulatorContext;
  readonly ws: WebSocket;
  readonly handshake: MqttHandshake;
  readonly physicalConnectionId: string;
  /** The client's protocol level, known once CONNECT is read. */
  version: MqttProtocolVersion;
  send(packet: Packet): void;
  /** After a successful CONNACK. */
  opened(session: MqttSession, keepAliveSeconds: number): void;
  /** 5.0: DISCONNECT with `code` first (once open); then the connection closes. */
  protocolError(code: number, reason: string): void;
  /** Closes without a word (before CONNACK, or after a refusing one). */
  closeSilently(reason: string): void;
}
