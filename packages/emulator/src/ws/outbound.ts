// A message on its way to clients, serialized at most once per wire form however many
// recipients it has: raw frame, JSON envelope, the reliable envelope's prefix, and protobuf.
import { isUtf8 } from 'node:buffer';

import type { DataType, Metadata } from '@wps-local/wire';

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

  jsonFrame(): Buffer {
    return (this.json ??= Buffer.concat([...this.envelopeParts(), CLOSE_BRACE]));
  }

  /** The envelope without its closing brace; a recipient appends `,"sequenceId":N}`. */
  reliablePrefix(): Buffer {
    return (this.prefix ??= Buffer.concat(this.envelopeParts()));
  }

  /** Built from Buffers so a large payload is copied, not re-encoded as a JS string. */
  private envelopeParts(): Buffer[] {
    const { data, origin } = this;
    let head = '{"type":"message","from":"' + origin.from + '"';
    if (origin.from === 'group') {
      head += ',"group":' + JSON.stringify(origin.group);
      if (origin.fromUserId !== undefined) {
        head += ',"fromUserId":' + JSON.stringify(origin.fromUserId);
      }
    }
    head += ',"dataType":"' + data.dataType + '","data":';
    const tail =
      data.metadata && Object.keys(data.metadata).length > 0
        ? ',"metadata":' + JSON.stringify(data.metadata)
        : '';
    return [Buffer.from(head), encodeData(data), Buffer.from(tail)];
  }
}

const CLOSE_BRACE = Buffer.from('}');
const QUOTE = Buffer.from('"');
/** Bytes that a JSON string must escape. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be found
const NEEDS_ESCAPE = /[\x00-\x1f"\\]/;

function encodeData(data: OutboundData): Buffer {
  switch (data.dataType) {
    case 'text':
      // Valid UTF-8 with nothing to escape can go into the JSON string as it is (fast for 1 MiB).
      if (isUtf8(data.bytes) && !NEEDS_ESCAPE.test(data.bytes.toString('latin1'))) {
        return Buffer.concat([QUOTE, data.bytes, QUOTE]);
      }
      return Buffer.from(JSON.stringify(data.bytes.toString('utf8')));
    case 'json':
      return data.bytes;
    case 'binary':
    case 'protobuf':
      return Buffer.from('"' + data.bytes.toString('base64') + '"', 'latin1');
  }
}

export function sequenceSuffix(seq: number): Buffer {
  return Buffer.from(',"sequenceId":' + seq + '}');
}
