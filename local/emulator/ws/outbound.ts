// A message on its way to clients, serialized at most once per wire form however many
// recipients it has: raw frame, JSON envelope, and the reliable envelope's prefix.
import type { DataType, Metadata } from '../../../protocol';

export interface OutboundData {
  dataType: Exclude<DataType, 'protobuf'>;
  /** text: UTF-8 text; json: UTF-8 JSON text (already validated); binary: the bytes. */
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

  constructor(
    readonly data: OutboundData,
    readonly origin: MessageOrigin,
  ) {}

  /** Raw clients get the data alone: text and json as text frames, binary as binary frames. */
  get rawIsBinary(): boolean {
    return this.data.dataType === 'binary';
  }

  jsonFrame(): Buffer {
    return (this.json ??= Buffer.from(this.envelope('}')));
  }

  /** The envelope without its closing brace; a recipient appends `,"sequenceId":N}`. */
  reliablePrefix(): Buffer {
    return (this.prefix ??= Buffer.from(this.envelope('')));
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
      return '"' + data.bytes.toString('base64') + '"';
  }
}

export function sequenceSuffix(seq: number): Buffer {
  return Buffer.from(',"sequenceId":' + seq + '}');
}
