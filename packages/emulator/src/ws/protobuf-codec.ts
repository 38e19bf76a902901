// Protobuf codecs built from the shared descriptor, and the downstream encoders. A data message is
// encoded as two shared parts so a reliable recipient only adds its own sequence id between them.
import { PROTOBUF_DESCRIPTOR, PROTOBUF_TYPES } from '@wps-local/wire';
import { Root, Writer } from 'protobufjs';

import type { ControlFrame } from './codecs/codec';
import type { MessageOrigin, OutboundData, PreparedMessage } from './outbound';
import { FRAME_SLOTS } from './outbound';

const root = Root.fromJSON(PROTOBUF_DESCRIPTOR);
export const UpstreamMessageType = root.lookupType(PROTOBUF_TYPES.upstream);
export const AnyType = root.lookupType(PROTOBUF_TYPES.any);
const DownstreamMessageType = root.lookupType(PROTOBUF_TYPES.downstream);
const DataMessageType = root.lookupType(PROTOBUF_TYPES.dataMessage);

/** Wire tags: DownstreamMessage.data_message (2, length-delimited), DataMessage.sequence_id (4, varint). */
const DATA_MESSAGE_TAG = (2 << 3) | 2;
const SEQUENCE_ID_TAG = (4 << 3) | 0;
const EMPTY = Buffer.alloc(0);

/** Frames the protobuf schema has a message for; the others (invocations, streams) are not sent. */
type ProtobufControl = Extract<ControlFrame, { type: 'ack' | 'pong' | 'system' }>;

export function encodeControl(msg: ControlFrame): Buffer | undefined {
  if (msg.type !== 'ack' && msg.type !== 'pong' && msg.type !== 'system') return undefined;
  return toBuffer(DownstreamMessageType.encode(downstream(msg)).finish());
}

function downstream(msg: ProtobufControl): object {
  switch (msg.type) {
    case 'ack':
      return {
        ack_message: {
          ack_id: msg.ackId,
          success: msg.success,
          ...(msg.error ? { error: { name: msg.error.name, message: msg.error.message } } : {}),
        },
      };
    case 'pong':
      return { pong_message: {} };
    case 'system':
      if (msg.event === 'disconnected')
        return { system_message: { disconnected_message: { reason: msg.message } } };
      return {
        system_message: {
          connected_message: {
            connection_id: msg.connectionId,
            // user_id has no presence in the schema: an anonymous connection gets ''.
            user_id: msg.userId ?? '',
            ...(msg.reconnectionToken ? { reconnection_token: msg.reconnectionToken } : {}),
          },
        },
      };
  }
}

/** The DownstreamMessage data frame every non-reliable protobuf recipient of this message gets. */
export function protobufFrame(msg: PreparedMessage): Buffer {
  return msg.once(FRAME_SLOTS.protobuf, () => dataFrame(dataParts(msg)));
}

/** Shares the encoded body; only the few bytes of the sequence id and length are per recipient. */
export function protobufReliableFrame(msg: PreparedMessage, sequenceId: number): Buffer {
  return dataFrame(dataParts(msg), sequenceId);
}

function dataParts(msg: PreparedMessage): DataMessageParts {
  return msg.once(FRAME_SLOTS.protobufParts, (m) => encodeDataParts(m.data, m.origin));
}

/**
 * A DataMessage body split around field 4: `head` holds from, group and data (fields 1-3), `tail`
 * the metadata map (field 5). Concatenated encodings of one message type merge, so head + tail
 * is the whole body and head + sequence_id + tail keeps the fields in canonical order.
 */
export interface DataMessageParts {
  head: Buffer;
  tail: Buffer;
}

export function encodeDataParts(data: OutboundData, origin: MessageOrigin): DataMessageParts {
  const head = DataMessageType.encode({
    from: origin.from,
    ...(origin.from === 'group' ? { group: origin.group } : {}),
    data: messageData(data),
  }).finish();
  const hasMetadata = data.metadata !== undefined && Object.keys(data.metadata).length > 0;
  const tail = hasMetadata ? DataMessageType.encode({ metadata: data.metadata }).finish() : EMPTY;
  return { head: toBuffer(head), tail: toBuffer(tail) };
}

/** The DownstreamMessage frame; with a sequence id for reliable recipients. */
export function dataFrame(parts: DataMessageParts, sequenceId?: number): Buffer {
  const seq =
    sequenceId === undefined
      ? EMPTY
      : Writer.create().uint32(SEQUENCE_ID_TAG).uint64(sequenceId).finish();
  const length = parts.head.length + seq.length + parts.tail.length;
  const header = Writer.create().uint32(DATA_MESSAGE_TAG).uint32(length).finish();
  return Buffer.concat([header, parts.head, seq, parts.tail], header.length + length);
}

function messageData(data: OutboundData): object {
  switch (data.dataType) {
    case 'text':
      return { text_data: data.bytes.toString('utf8') };
    case 'json':
      return { json_data: data.bytes.toString('utf8') };
    case 'binary':
      return { binary_data: data.bytes };
    case 'protobuf':
      // The bytes are a serialized google.protobuf.Any, which the emulator itself encoded.
      return { protobuf_data: AnyType.decode(data.bytes) };
  }
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}
