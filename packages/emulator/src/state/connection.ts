// A logical client connection: identity, permissions, groups, upstream state, and the socket it
// is attached to right now (none while a reliable client is reconnecting).
import { randomBytes } from 'node:crypto';

import type { DisconnectedSystemMessage, MqttDisconnectedEventBody } from '@wps-local/wire';
import type { WebSocket } from 'ws';

import { computeSignature } from '../upstream/signature';
import type { ClientKind, ControlFrame, SubprotocolCodec } from '../ws/codecs/codec';
import type { OutboundGroupStream } from '../ws/group-stream-state';
import type { PreparedMessage } from '../ws/outbound';
import { ReliableBuffer } from '../ws/reliable-buffer';
import { AckIdSet } from './ack-ids';
import type { Hub } from './hub';
import type { ConnectionPermissions } from './permissions';

/** A socket whose send buffer grows past this is not reading: drop it rather than the process. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

export type RawMode =
  { kind: 'sendEvent' } | { kind: 'sendToGroup'; group: string; noEcho: boolean };

export interface MqttUpstreamState {
  physicalConnectionId: string;
  sessionId: string;
  /** `mqtt` of the `disconnected` event, set when the last physical connection ended. */
  disconnect?: MqttDisconnectedEventBody['mqtt'];
}

export function newConnectionId(): string {
  return randomBytes(16).toString('base64url');
}

export interface ConnectionInit {
  id: string;
  hub: Hub<ClientConnection>;
  userId: string | null;
  codec: SubprotocolCodec;
  subprotocol: string | null;
  permissions: ConnectionPermissions;
  accessKey: string;
  connectionState?: string;
}

export class ClientConnection {
  readonly id: string;
  readonly hub: Hub<ClientConnection>;
  readonly userId: string | null;
  /** How this connection's subprotocol reads and writes frames. */
  readonly codec: SubprotocolCodec;
  readonly subprotocol: string | null;
  readonly groups = new Set<string>();
  readonly signature: string;
  readonly ackIds = new AckIdSet();
  readonly reliable: ReliableBuffer | null;
  readonly reconnectionToken: string | undefined;
  permissions: ConnectionPermissions;
  /** Opaque `ce-connectionState` the event handler asked us to keep. */
  connectionState: string | undefined;
  /** Cookies event handlers set, replayed on later events of this connection. */
  readonly cookies = new Map<string, string>();
  socket: WebSocket | null = null;
  /** Raw clients only: what their frames do (`?webpubsub_mode=`). */
  rawMode: RawMode = { kind: 'sendEvent' };
  /** Group streams this connection writes, by stream id. */
  readonly streams = new Map<string, OutboundGroupStream>();
  /** Invocations waiting for the event handler, by id, with their timeout timers. */
  readonly invocations = new Map<string, NodeJS.Timeout>();
  /** Upstream events of one connection are delivered in order. */
  upstream: Promise<void> = Promise.resolve();
  ended = false;
  /** MQTT clients only: what their upstream events say of the session and how it ended. */
  mqtt: MqttUpstreamState | undefined;
  private eventId = 0;

  constructor(init: ConnectionInit) {
    this.id = init.id;
    this.hub = init.hub;
    this.userId = init.userId;
    this.codec = init.codec;
    this.subprotocol = init.subprotocol;
    this.permissions = init.permissions;
    this.connectionState = init.connectionState;
    this.signature = computeSignature(init.accessKey, init.id);
    const reliable = init.codec.reliable;
    this.reliable = reliable ? new ReliableBuffer() : null;
    this.reconnectionToken = reliable ? randomBytes(24).toString('base64url') : undefined;
  }

  get kind(): ClientKind {
    return this.codec.kind;
  }

  /** The OData filter's view of a connection (`connectionId`, `userId`, `groups`, `protocol`). */
  get connectionId(): string {
    return this.id;
  }

  get protocol(): string | null {
    return this.subprotocol;
  }

  /** `ce-id` of the next upstream event: 0 is the connect event, then 1, 2, ... */
  nextEventId(): number {
    return ++this.eventId;
  }

  /**
   * Sends a data message. Returns false when the connection cannot take it (reliable buffer
   * full, or a socket that stopped reading); the caller then ends the connection.
   */
  deliver(msg: PreparedMessage): boolean {
    const { codec, socket, reliable } = this;
    if (codec.deliver) return codec.deliver(msg);
    if (!reliable) {
      if (!socket) return true;
      socket.send(codec.encodeData(msg), { binary: codec.dataIsBinary(msg) });
      return socket.bufferedAmount <= MAX_BUFFERED_BYTES;
    }
    const seq = reliable.nextSequenceId();
    const frame = codec.encodeData(msg, seq);
    if (!reliable.push(seq, frame)) return false;
    socket?.send(frame, { binary: codec.dataIsBinary(msg) });
    return true;
  }

  /** Control frames (ack, pong, system, invokeResponse) carry no sequence id and are never replayed. */
  sendControl(message: ControlFrame): void {
    if (!this.socket) return;
    const frame = this.codec.encodeControl(message);
    if (frame) this.socket.send(frame, { binary: this.codec.controlIsBinary });
  }

  /** The connection ended: its streams end for their members with the writer's disconnection. */
  dropStreams(): void {
    for (const stream of [...this.streams.values()]) {
      stream.close({
        name: 'WriterDisconnected',
        message: 'The writer of the stream disconnected.',
      });
    }
  }

  /** The connection ended: nobody waits for its invocations' answers any more. */
  dropInvocations(): void {
    for (const timer of this.invocations.values()) clearTimeout(timer);
    this.invocations.clear();
  }

  sendDisconnected(reason: string): void {
    const msg: DisconnectedSystemMessage = {
      type: 'system',
      event: 'disconnected',
      message: reason,
    };
    this.sendControl(msg);
  }
}
