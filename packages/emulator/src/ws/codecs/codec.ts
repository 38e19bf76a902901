// One interface for every subprotocol: parse a client frame into an operation (or a typed
// problem), and encode data and control frames. A new message kind is one place per codec.
import type {
  AckMessage,
  ConnectedSystemMessage,
  DisconnectedSystemMessage,
  InvokeErrorName,
  PongMessage,
  StreamAckMessage,
  StreamClosedMessage,
  StreamNackMessage,
} from '@wps-local/wire';

import type { ClientOp } from '../client-op';
import type { OutboundData, PreparedMessage } from '../outbound';

/** raw: no subprotocol (or a custom one); mqtt: MQTT clients; the others: the Web PubSub subprotocols. */
export type ClientKind = 'raw' | 'json' | 'jsonReliable' | 'protobuf' | 'protobufReliable' | 'mqtt';

/**
 * What a frame is: an operation, or a problem. `invalid` with an ackId is answered with a
 * BadRequest ack, with an invocationId with a BadRequest invokeResponse, with neither the client
 * is closed (1008); `unsupported` (a frame of the wrong kind) always closes the client with 1003.
 */
export type ParsedFrame =
  | { ok: true; op: ClientOp }
  | { ok: false; problem: 'invalid'; ackId?: number; invocationId?: string; message: string }
  | { ok: false; problem: 'unsupported'; message: string };

/** An invocation's answer, with the handler's reply as data every codec encodes its own way. */
export interface InvokeResult {
  type: 'invokeResponse';
  invocationId: string;
  success: boolean;
  reply?: OutboundData;
  error?: { name: InvokeErrorName; message: string };
}

/** Frames outside the data stream: never sequenced, never replayed. */
export type ControlFrame =
  | AckMessage
  | ConnectedSystemMessage
  | DisconnectedSystemMessage
  | PongMessage
  | InvokeResult
  | StreamAckMessage
  | StreamNackMessage
  | StreamClosedMessage;

export interface SubprotocolCodec {
  readonly kind: ClientKind;
  /** Reliable codecs number data frames and keep them until the client acknowledges them. */
  readonly reliable: boolean;
  parse(data: Buffer, isBinary: boolean): ParsedFrame;
  /** A data frame for one recipient; `sequenceId` only for reliable codecs. */
  encodeData(msg: PreparedMessage, sequenceId?: number): Buffer;
  /** Whether that data frame goes out as a binary WebSocket frame. */
  dataIsBinary(msg: PreparedMessage): boolean;
  /** Ack, pong, system, invokeResponse... or undefined when the subprotocol has no such frame. */
  encodeControl(message: ControlFrame): Buffer | undefined;
  readonly controlIsBinary: boolean;
  /**
   * Stateful codecs (MQTT: packet ids, QoS per subscription, an offline session's queue) send
   * data themselves; same contract as `ClientConnection.deliver`.
   */
  deliver?(msg: PreparedMessage): boolean;
}
