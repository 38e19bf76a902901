// A message on its way to clients, serialized at most once per wire form however many
// recipients it has: raw frame, JSON envelope, the reliable envelope's prefix, and protobuf.
import type { DataType, Metadata } from '../../../protocol';
import type { DataMessageParts } from './protobuf-codec';
import { dataFrame, encodeDataParts } from './protobuf-codec';

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
  | { from: 'group'; group: string; fromUserId?: string | null };

export class PreparedMessage {
  private json?: Buffer;
  private prefix?: Buffer;
  private protobuf?: Buffer;
  private protobufParts?: DataMessageParts;

  constructor(
    readonly data: OutboundData,
    readonly origin: MessageOrigin,
  ) {}

  /** Raw clients get the data alone: text and json as text frames, binary and protobuf as binary. */
  get rawIsBinary(): boolean {
    return this.data.dataType === 'binary' || this.data.dataType === 'protobuf';
  }

  jsonFrame(): Buffer {
    return (this.json ??= Buffer.from(this.envelope('}')));
  }

  /** The envelope without its closing brace; a recipient appends `,"sequenceId":N}`. */
  reliablePrefix(): Buffer {
    return (this.prefix ??= Buffer.from(this.envelope('')));
  }

  protobufFrame(): Buffer {
    return (this.protobuf ??= dataFrame(this.parts()));
  }

  /** Shares the encoded body; only the few bytes of the sequence id and length are per recipient. */
  protobufReliableFrame(sequenceId: number): Buffer {
    return dataFrame(this.parts(), sequenceId);
  }

  private parts(): DataMessageParts {
    return (this.protobufParts ??= encodeDataParts(this.data, this.origin));
  }

  private envelope(close: string): string {
    const { data, origin } = this;
    let head = '{"type":"message","from":"' + origin.from + '"';
    if (origin.from === 'group') {
      head += ',"group":' + JSON.stringify(origin.group);
      if (origin.fromUserId !== undefined)
        head += ',"fromUserId":' + JSON.stringify(origin.fromUserId);
    }
    head += ',"dataType":"' + data.dataType + '","data":' + encodeData(data);
    if (data.metadata && Object.keys(data.metadata).length > 0) {
      head += ',"metadata":' + JSON.stringify(data.metadata);
    }
    return head + close;
  }
}

function encodeData(data: OutboundData): string {
  switch (data.dataType) {
    case 'text':
      return JSON.stringify(data.bytes.toString('utf8'));
    case 'json':
      return data.bytes.toString('utf8');
    case 'binary':
    case 'protobuf':
      return '"' + data.bytes.toString('base64') + '"';
  }
}

export function sequenceSuffix(seq: number): Buffer {
  return Buffer.from(',"sequenceId":' + seq + '}');
}
