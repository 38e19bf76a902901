// A message on its way to clients, serialized at most once per wire form however many
// recipients it has. The wire forms belong to the subprotocol codecs (ws/codecs/*); this holds the
// data, where it comes from, and one cache slot per form so a fan-out encodes each form once.
import type { DataType, Metadata, StreamInfo } from '@wps-local/wire';

export interface OutboundData {
  dataType: DataType;
  /**
   * text: UTF-8 text; json: UTF-8 JSON text (already validated); binary: the bytes;
   * protobuf: a serialized google.protobuf.Any (only protobuf clients send it).
   */
  bytes: Buffer;
  metadata?: Metadata;
}

export type MessageOrigin =
  | { from: 'server' }
  /** `fromUserId` is absent when the server (REST) sent to the group. */
  | { from: 'group'; group: string; fromUserId?: string | null; stream?: StreamInfo };

/** The serialize-once cache slots; each codec owns the ones it names. */
export const FRAME_SLOTS = {
  /** JSON envelope, complete. */
  json: 0,
  /** JSON envelope without its closing brace (reliable recipients append their sequence id). */
  jsonPrefix: 1,
  /** Protobuf DownstreamMessage, complete. */
  protobuf: 2,
  /** Protobuf DataMessage body parts around the sequence id (see protobuf-codec). */
  protobufParts: 3,
  /** MQTT PUBLISH packets by protocol version and QoS (see ws/mqtt/publish-packets). */
  mqtt: 4,
} as const;
type Slot = (typeof FRAME_SLOTS)[keyof typeof FRAME_SLOTS];

export class PreparedMessage {
  private readonly slots: unknown[] = [];

  constructor(
    readonly data: OutboundData,
    readonly origin: MessageOrigin,
  ) {}

  /** Raw clients get the data alone: text and json as text frames, binary and protobuf as binary. */
  get rawIsBinary(): boolean {
    return this.data.dataType === 'binary' || this.data.dataType === 'protobuf';
  }

  /** The value in `slot`, built on first use and shared by every later recipient. */
  once<T>(slot: Slot, build: (msg: PreparedMessage) => T): T {
    const cached = this.slots[slot];
    if (cached !== undefined) return cached as T;
    const value = build(this);
    this.slots[slot] = value;
    return value;
  }
}
