// The JSON subprotocols' data envelope, built from Buffers so a large payload is copied, not
// re-encoded as a JS string; cached on the message so a fan-out encodes it once.
import { isUtf8 } from 'node:buffer';

import type { OutboundData, PreparedMessage } from '../outbound';
import { FRAME_SLOTS } from '../outbound';
import type { ControlFrame, InvokeResult } from './codec';

/** `{"type":"message",...}` for every JSON recipient of this message. */
export function jsonFrame(msg: PreparedMessage): Buffer {
  return msg.once(FRAME_SLOTS.json, () => Buffer.concat([...envelopeParts(msg), CLOSE_BRACE]));
}

/** The envelope without its closing brace; a reliable recipient appends `,"sequenceId":N}`. */
export function reliablePrefix(msg: PreparedMessage): Buffer {
  return msg.once(FRAME_SLOTS.jsonPrefix, () => Buffer.concat(envelopeParts(msg)));
}

export function sequenceSuffix(seq: number): Buffer {
  return Buffer.from(',"sequenceId":' + seq + '}');
}

export function encodeJsonControl(message: ControlFrame): Buffer {
  if (message.type === 'invokeResponse') return encodeInvokeResponse(message);
  return Buffer.from(JSON.stringify(message), 'utf8');
}

/** `{"type":"invokeResponse","invocationId":..,"success":..}` with the reply's data or the error. */
function encodeInvokeResponse(r: InvokeResult): Buffer {
  let head =
    '{"type":"invokeResponse","invocationId":' +
    JSON.stringify(r.invocationId) +
    ',"success":' +
    String(r.success);
  if (r.error) head += ',"error":' + JSON.stringify(r.error);
  if (!r.reply) return Buffer.from(head + '}');
  head += ',"dataType":"' + r.reply.dataType + '","data":';
  return Buffer.concat([Buffer.from(head), encodeJsonData(r.reply), CLOSE_BRACE]);
}

function envelopeParts({ data, origin }: PreparedMessage): Buffer[] {
  let head = '{"type":"message","from":"' + origin.from + '"';
  if (origin.from === 'group') {
    head += ',"group":' + JSON.stringify(origin.group);
    if (origin.fromUserId !== undefined) {
      head += ',"fromUserId":' + JSON.stringify(origin.fromUserId);
    }
  }
  let tail =
    data.metadata && Object.keys(data.metadata).length > 0
      ? ',"metadata":' + JSON.stringify(data.metadata)
      : '';
  const stream = origin.from === 'group' ? origin.stream : undefined;
  if (stream) tail += ',"stream":' + JSON.stringify(stream);
  // A stream's end carries no data: `dataType` stays (the SDK drops group messages without one).
  if (stream?.endOfStream && data.bytes.length === 0) {
    return [Buffer.from(head + ',"dataType":"' + data.dataType + '"' + tail)];
  }
  head += ',"dataType":"' + data.dataType + '","data":';
  return [Buffer.from(head), encodeJsonData(data), Buffer.from(tail)];
}

const CLOSE_BRACE = Buffer.from('}');
const QUOTE = Buffer.from('"');
/** Bytes that a JSON string must escape. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be found
const NEEDS_ESCAPE = /[\x00-\x1f"\\]/;

/** The `data` value of a JSON frame: a string for text, the JSON itself, base64 for bytes. */
export function encodeJsonData(data: OutboundData): Buffer {
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
