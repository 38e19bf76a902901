// Protobuf-subprotocol client frames: binary only; each UpstreamMessage is decoded and validated into
// the shared client operations, with the same name rules and limits as JSON requests.
import type { Metadata } from '@wps-local/wire';
import {
  INVALID_GROUP_NAME_MESSAGE,
  isValidEventName,
  isValidGroupName,
  MAX_MESSAGE_TTL_SECONDS,
} from '@wps-local/wire';

import type { ParsedFrame } from './codecs/codec';
import { readMetadata } from './json-frames';
import type { OutboundData } from './outbound';
import { AnyType, UpstreamMessageType } from './protobuf-codec';

/** Decoded shapes (snake_case, as in the schema); presence is an own property. */
type Long = number | { toString(): string };
interface DecodedData {
  data?: string;
  text_data?: string;
  binary_data?: Uint8Array;
  protobuf_data?: object;
  json_data?: string;
}
interface DecodedRequest {
  group?: string;
  event?: string;
  ack_id?: Long;
  data?: DecodedData;
  no_echo?: boolean;
  ttl_seconds?: number;
  metadata?: Record<string, string>;
  stream?: object;
  sequence_id?: Long;
}
interface Decoded {
  message?: string;
  [request: string]: unknown;
}

export function parseProtobufClientFrame(data: Buffer, isBinary: boolean): ParsedFrame {
  if (!isBinary) {
    return {
      ok: false,
      problem: 'unsupported',
      message: 'Text frames are not supported by protobuf subprotocols.',
    };
  }
  return parseProtobufFrame(data);
}

export function parseProtobufFrame(bytes: Buffer): ParsedFrame {
  let decoded: Decoded;
  try {
    decoded = UpstreamMessageType.decode(bytes) as unknown as Decoded;
  } catch {
    return {
      ok: false,
      problem: 'invalid',
      message: 'The message is not a valid protobuf UpstreamMessage.',
    };
  }
  const kind = decoded.message;
  const m = kind === undefined ? undefined : (decoded[kind] as DecodedRequest | undefined);
  if (kind === undefined || !m) {
    return { ok: false, problem: 'invalid', message: 'Unsupported message type.' };
  }
  const ackId = has(m, 'ack_id') ? toSafeInteger(m.ack_id) : undefined;
  if (ackId === null) return { ok: false, problem: 'invalid', message: 'ack_id is too large.' };
  const withAck = ackId !== undefined ? { ackId } : {};
  const fail = (message: string): ParsedFrame => ({
    ok: false,
    problem: 'invalid',
    ...withAck,
    message,
  });
  switch (kind) {
    case 'join_group_message':
    case 'leave_group_message': {
      if (!isValidGroupName(m.group)) return fail(INVALID_GROUP_NAME_MESSAGE);
      const type = kind === 'join_group_message' ? 'joinGroup' : 'leaveGroup';
      return { ok: true, op: { type, group: m.group, ...withAck } };
    }
    case 'send_to_group_message': {
      if (!isValidGroupName(m.group)) return fail(INVALID_GROUP_NAME_MESSAGE);
      if (has(m, 'stream')) return fail('Streaming is not supported.');
      if ((m.ttl_seconds ?? 0) > MAX_MESSAGE_TTL_SECONDS) {
        return fail(`ttl_seconds must be from 0 to ${MAX_MESSAGE_TTL_SECONDS}.`);
      }
      const metadata = readMetadata(m.metadata);
      if (typeof metadata === 'string') return fail(metadata);
      const data = readData(m.data, metadata);
      return {
        ok: true,
        op: {
          type: 'sendToGroup',
          group: m.group,
          data: typeof data === 'string' ? data : { ...data, ...(metadata ? { metadata } : {}) },
          noEcho: m.no_echo === true,
          ...withAck,
        },
      };
    }
    case 'event_message': {
      if (!isValidEventName(m.event)) {
        return fail('event must be a name of letters, digits, _ . - starting with a letter.');
      }
      if (has(m, 'stream')) return fail('Streaming is not supported.');
      const metadata = readMetadata(m.metadata);
      if (typeof metadata === 'string') return fail(metadata);
      const data = readData(m.data, metadata);
      return {
        ok: true,
        op: { type: 'event', event: m.event, data, ...(metadata ? { metadata } : {}), ...withAck },
      };
    }
    case 'sequence_ack_message': {
      const sequenceId = toSafeInteger(m.sequence_id ?? 0);
      if (sequenceId === null) return fail('sequence_id is too large.');
      return { ok: true, op: { type: 'sequenceAck', sequenceId } };
    }
    case 'ping_message':
      return { ok: true, op: { type: 'ping' } };
    default:
      return fail(`Unsupported message type '${kind}'.`);
  }
}

/**
 * MessageData's oneof as the bytes recipients get. Without data, metadata alone makes an empty
 * text message (as the official emulator does); with neither, there is nothing to send.
 */
function readData(
  data: DecodedData | undefined,
  metadata: Metadata | undefined,
): OutboundData | string {
  switch (data?.data) {
    case 'text_data':
      return { dataType: 'text', bytes: Buffer.from(data.text_data ?? '', 'utf8') };
    case 'binary_data':
      return { dataType: 'binary', bytes: Buffer.from(data.binary_data ?? []) };
    case 'protobuf_data':
      return {
        dataType: 'protobuf',
        bytes: Buffer.from(AnyType.encode(data.protobuf_data!).finish()),
      };
    case 'json_data': {
      const text = data.json_data ?? '';
      try {
        JSON.parse(text);
      } catch {
        // JSON recipients embed the text as is, so it must be JSON.
        return 'json_data must be valid JSON.';
      }
      return { dataType: 'json', bytes: Buffer.from(text, 'utf8') };
    }
    default:
      if (metadata) return { dataType: 'text', bytes: Buffer.alloc(0) };
      return 'data is required: text_data, binary_data, protobuf_data or json_data.';
  }
}

function has(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** uint64 fields decode as Long; ids beyond 2^53 are refused rather than rounded. */
function toSafeInteger(v: Long | undefined): number | null {
  const n = Number(String(v));
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}
