// One MQTT session: the logical connection that outlives its physical connections for its expiry
// interval (azure-docs mqtt-term-mappings: a session is a Web PubSub connection). It is the
// connection's codec and sends data itself: subscriptions with their granted QoS, packet ids,
// QoS 1 messages waiting for PUBACK (sent again, DUP, on resume) and those queued while offline.
import type { MqttProtocolVersion } from '@wps-local/wire';
import { MQTT_PROTOCOL_VERSIONS, MQTT_V5_REASON_CODES } from '@wps-local/wire';
import type { IConnectPacket, Packet, QoS } from 'mqtt-packet';
import { generate } from 'mqtt-packet';
import type { WebSocket } from 'ws';

import type { ClientConnection } from '../../state/connection';
import type { ControlFrame, ParsedFrame, SubprotocolCodec } from '../codecs/codec';
import type { PreparedMessage } from '../outbound';
import { deliveryQos, markDuplicate, publishPacket } from './publish-packets';

export interface Subscription {
  qos: QoS;
  /** MQTT 5.0 "no local": the subscriber's own publishes to the topic are not sent back. */
  noLocal: boolean;
  subscriptionId?: number;
}

/** Groups joined other ways (token, connect response, REST) use MQTT's default options. */
const DEFAULT_SUBSCRIPTION: Subscription = { qos: 1, noLocal: false };

/** QoS 1 messages kept for an offline session or a client at its receive maximum. */
const MAX_QUEUED = 1000;
/** A socket whose send buffer grows past this is not reading (as ClientConnection decides). */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/** The Last Will of the session's current connection, published if it ends abnormally. */
export interface WillMessage {
  topic: string;
  payload: Buffer;
  qos: QoS;
  properties?: NonNullable<IConnectPacket['will']>['properties'];
}

interface Queued {
  msg: PreparedMessage;
  subscriptionId: number | undefined;
}

export class MqttSession implements SubprotocolCodec {
  readonly kind = 'mqtt' as const;
  readonly reliable = false;
  readonly controlIsBinary = true;
  /** Set once the session's connection exists. */
  conn!: ClientConnection;
  version: MqttProtocolVersion;
  /** The client's Receive Maximum (MQTT 5.0): QoS 1 messages it takes before acknowledging. */
  receiveMaximum = 65535;
  /** How long the session outlives its connection: 0 ends it with the connection. */
  expirySeconds = 0;
  expiryTimer: NodeJS.Timeout | undefined;
  readonly subscriptions = new Map<string, Subscription>();
  /** Inbound QoS 2 packet ids between PUBREC and PUBREL (delivered once, on PUBLISH). */
  readonly awaitingRelease = new Set<number>();
  will: WillMessage | undefined;
  private readonly inflight = new Map<number, Buffer>();
  private readonly queue: Queued[] = [];
  private lastId = 0;

  constructor(version: MqttProtocolVersion) {
    this.version = version;
  }

  subscriptionFor(group: string): Subscription {
    return this.subscriptions.get(group) ?? DEFAULT_SUBSCRIPTION;
  }

  deliver(msg: PreparedMessage): boolean {
    const sub = msg.origin.from === 'group' ? this.subscriptionFor(msg.origin.group) : undefined;
    const qos = deliveryQos(msg, sub?.qos ?? 1);
    const socket = this.conn.socket;
    if (!socket) {
      // An offline session keeps what was sent at least once; at most once is lost.
      if (qos === 1) this.enqueue({ msg, subscriptionId: sub?.subscriptionId });
      return true;
    }
    if (qos === 0) {
      socket.send(publishPacket(msg, this.version, 0, 0, sub?.subscriptionId));
    } else if (this.inflight.size >= this.receiveMaximum || this.queue.length > 0) {
      this.enqueue({ msg, subscriptionId: sub?.subscriptionId });
    } else {
      this.sendQos1(socket, msg, sub?.subscriptionId);
    }
    return socket.bufferedAmount <= MAX_BUFFERED_BYTES;
  }

  /** PUBACK from the client: the message is done, and a queued one may go. */
  acknowledge(packetId: number): void {
    if (!this.inflight.delete(packetId)) return;
    this.flush();
  }

  /** A physical connection (re)joins the session: unacknowledged messages go again, then the queue. */
  resume(socket: WebSocket): void {
    for (const packet of this.inflight.values()) socket.send(markDuplicate(packet));
    this.flush();
  }

  /** A new session starts empty; an old one's in-flight state dies with it. */
  clear(): void {
    this.inflight.clear();
    this.queue.length = 0;
    this.awaitingRelease.clear();
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
  }

  /** A packet to one socket of the session (the current one, or one being taken over). */
  sendTo(socket: WebSocket, packet: Packet): void {
    if (socket.readyState === socket.OPEN) {
      socket.send(generate(packet, { protocolVersion: this.version }));
    }
  }

  // SubprotocolCodec: frames are read by the physical connection (./link), not here.
  parse(): ParsedFrame {
    return { ok: false, problem: 'unsupported', message: 'MQTT frames are parsed per connection.' };
  }

  encodeData(msg: PreparedMessage): Buffer {
    return publishPacket(msg, this.version, 0, 0);
  }

  dataIsBinary(): boolean {
    return true;
  }

  /**
   * The service closing the session (REST close, a client that cannot keep up): MQTT 5.0
   * clients get DISCONNECT "administrative action" with the reason; 3.1.1 has no such packet.
   */
  encodeControl(message: ControlFrame): Buffer | undefined {
    if (message.type !== 'system' || message.event !== 'disconnected') return undefined;
    const code = MQTT_V5_REASON_CODES.administrativeAction;
    const v5 = this.version === MQTT_PROTOCOL_VERSIONS.v500;
    if (this.conn.mqtt) {
      this.conn.mqtt.disconnect = {
        initiatedByClient: false,
        disconnectPacket: v5 ? { code, userProperties: null } : null,
      };
    }
    if (!v5) return undefined;
    return generate(
      {
        cmd: 'disconnect',
        reasonCode: code,
        ...(message.message ? { properties: { reasonString: message.message } } : {}),
      },
      { protocolVersion: 5 },
    );
  }

  private sendQos1(socket: WebSocket, msg: PreparedMessage, subscriptionId?: number): void {
    const id = this.nextPacketId();
    const packet = publishPacket(msg, this.version, 1, id, subscriptionId);
    this.inflight.set(id, packet);
    socket.send(packet);
  }

  private flush(): void {
    const socket = this.conn.socket;
    while (socket && this.queue.length > 0 && this.inflight.size < this.receiveMaximum) {
      const next = this.queue.shift()!;
      this.sendQos1(socket, next.msg, next.subscriptionId);
    }
  }

  private enqueue(item: Queued): void {
    if (this.queue.length >= MAX_QUEUED) this.queue.shift();
    this.queue.push(item);
  }

  /** 1..65535, skipping ids still waiting for their PUBACK. */
  private nextPacketId(): number {
    do this.lastId = (this.lastId % 65535) + 1;
    while (this.inflight.has(this.lastId));
    return this.lastId;
  }
}
