// Parses and validates json.webpubsub.azure.v1 client frames. A frame is either a request, or a
// problem: with an ackId it is answered with a BadRequest ack, without one the client is closed.
import type { ClientRequest, DataType, Metadata } from '@wps-local/wire';
import {
  INVALID_GROUP_NAME_MESSAGE,
  isValidEventName,
  isValidGroupName,
  MAX_MESSAGE_TTL_SECONDS,
  METADATA_LIMITS,
} from '@wps-local/wire';

import type { OutboundData } from './outbound';

/**
 * A problem with an ackId becomes a BadRequest ack, with an invocationId a failed invokeResponse;
 * with neither the client is closed.
 */
export type ParsedJsonRequest =
  | { ok: true; request: ClientRequest }
  | { ok: false; ackId?: number; invocationId?: string; message: string };

export function parseJsonFrame(text: string): ParsedJsonRequest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: 'The message is not valid JSON.' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'The message must be a JSON object.' };
  }
  const m = value as Record<string, unknown>;
  const ackIdResult = readAckId(m.ackId);
  if (ackIdResult === 'invalid') {
    return { ok: false, message: 'ackId must be a non-negative integer.' };
  }
  const ackId = ackIdResult;
  const fail = (message: string): ParsedJsonRequest => ({ ok: false, ackId, message });
  const type = typeof m.type === 'string' ? m.type.toLowerCase() : undefined;
  switch (type) {
    case 'joingroup':
    case 'leavegroup': {
      if (!isValidGroupName(m.group)) return fail(invalidGroup(m.group));
      const t = type === 'joingroup' ? 'joinGroup' : 'leaveGroup';
      return {
        ok: true,
        request: { type: t, group: m.group, ...(ackId !== undefined ? { ackId } : {}) },
      };
    }
    case 'sendtogroup': {
      if (!isValidGroupName(m.group)) return fail(invalidGroup(m.group));
      if (m.noEcho !== undefined && m.noEcho !== null && typeof m.noEcho !== 'boolean') {
        return fail('noEcho must be a boolean.');
      }
      if (m.stream !== undefined && m.stream !== null) {
        const stream = m.stream as Record<string, unknown>;
        if (typeof stream !== 'object' || !isStreamId(stream.streamId))
          return fail(INVALID_STREAM_ID);
        const idle = stream.idleTimeoutMs;
        if (idle !== undefined && idle !== null && !isPositiveInt(idle)) {
          return fail('stream.idleTimeoutMs must be a positive integer.');
        }
        return {
          ok: true,
          request: {
            type: 'streamStart',
            group: m.group,
            streamId: stream.streamId,
            noEcho: m.noEcho === true,
            ...(typeof idle === 'number' ? { idleTimeoutMs: idle } : {}),
          },
        };
      }
      const ttl = m.ttlSeconds;
      if (ttl !== undefined && ttl !== null && !isTtl(ttl)) {
        return fail(`ttlSeconds must be an integer from 0 to ${MAX_MESSAGE_TTL_SECONDS}.`);
      }
      const common = readData(m);
      if (typeof common === 'string') return fail(common);
      return {
        ok: true,
        request: {
          type: 'sendToGroup',
          group: m.group,
          data: m.data,
          dataType: common.dataType,
          noEcho: m.noEcho === true,
          ...(ackId !== undefined ? { ackId } : {}),
          ...(common.metadata ? { metadata: common.metadata } : {}),
        },
      };
    }
    case 'event': {
      if (!isValidEventName(m.event)) return fail(INVALID_EVENT_NAME);
      const common = readData(m);
      if (typeof common === 'string') return fail(common);
      return {
        ok: true,
        request: {
          type: 'event',
          event: m.event,
          data: m.data,
          dataType: common.dataType,
          ...(ackId !== undefined ? { ackId } : {}),
          ...(common.metadata ? { metadata: common.metadata } : {}),
        },
      };
    }
    case 'invoke': {
      if (!isInvocationId(m.invocationId)) return fail(INVALID_INVOCATION_ID);
      const invocationId = m.invocationId;
      const refuse = (message: string): ParsedJsonRequest => ({ ok: false, invocationId, message });
      if (m.target !== 'event') {
        return refuse(`Unsupported invocation target '${String(m.target)}'; only 'event' is.`);
      }
      if (!isValidEventName(m.event)) return refuse(INVALID_EVENT_NAME);
      const common = readData(m);
      if (typeof common === 'string') return refuse(common);
      return {
        ok: true,
        request: {
          type: 'invoke',
          invocationId,
          target: 'event',
          event: m.event,
          ...(m.data !== undefined ? { data: m.data, dataType: common.dataType } : {}),
        },
      };
    }
    case 'cancelinvocation':
      if (!isInvocationId(m.invocationId)) return fail(INVALID_INVOCATION_ID);
      return { ok: true, request: { type: 'cancelInvocation', invocationId: m.invocationId } };
    case 'streamdata': {
      if (!isStreamId(m.streamId)) return fail(INVALID_STREAM_ID);
      const seq = m.streamSequenceId;
      if (seq === undefined || seq === null) {
        return { ok: true, request: { type: 'streamData', streamId: m.streamId } };
      }
      if (!isPositiveInt(seq)) return fail('streamSequenceId must be a positive integer.');
      const common = readData(m);
      if (typeof common === 'string') return fail(common);
      return {
        ok: true,
        request: {
          type: 'streamData',
          streamId: m.streamId,
          streamSequenceId: seq,
          data: m.data,
          dataType: common.dataType,
        },
      };
    }
    case 'streamend': {
      if (!isStreamId(m.streamId)) return fail(INVALID_STREAM_ID);
      const e = m.error as Record<string, unknown> | undefined | null;
      const error =
        e && typeof e === 'object'
          ? {
              ...(typeof e.message === 'string' ? { message: e.message } : {}),
              ...(typeof e.userErrorCode === 'string' ? { userErrorCode: e.userErrorCode } : {}),
            }
          : undefined;
      return {
        ok: true,
        request: { type: 'streamEnd', streamId: m.streamId, ...(error ? { error } : {}) },
      };
    }
    case 'sequenceack': {
      const id = readAckId(m.sequenceId);
      if (id === undefined || id === 'invalid')
        return fail('sequenceId must be a non-negative integer.');
      return { ok: true, request: { type: 'sequenceAck', sequenceId: id } };
    }
    case 'ping':
      return { ok: true, request: { type: 'ping' } };
    default:
      return fail(`Unsupported message type '${String(m.type)}'.`);
  }
}

/** Turns a request's data into the bytes every recipient gets; a string is a validation error. */
export function toOutboundData(
  data: unknown,
  dataType: DataType | undefined,
  metadata: Metadata | undefined,
): OutboundData | string {
  const md = metadata ? { metadata } : {};
  switch (dataType ?? 'json') {
    case 'text':
      if (typeof data !== 'string') return 'data must be a string when dataType is text.';
      return { dataType: 'text', bytes: Buffer.from(data, 'utf8'), ...md };
    case 'binary':
      if (typeof data !== 'string' || !isBase64(data)) {
        return 'data must be a base64 string when dataType is binary.';
      }
      return { dataType: 'binary', bytes: Buffer.from(data, 'base64'), ...md };
    case 'json':
      if (data === undefined || data === null)
        return 'data must not be null when dataType is json.';
      return { dataType: 'json', bytes: Buffer.from(JSON.stringify(data), 'utf8'), ...md };
    default:
      return `dataType '${String(dataType)}' is not supported by JSON clients.`;
  }
}

function readData(
  m: Record<string, unknown>,
): { dataType: DataType; metadata?: Metadata } | string {
  const raw = m.dataType ?? 'json';
  if (typeof raw !== 'string') return 'dataType must be text, json or binary.';
  const dataType = raw.toLowerCase();
  if (dataType !== 'text' && dataType !== 'json' && dataType !== 'binary') {
    return `dataType '${raw}' is not supported; use text, json or binary.`;
  }
  const metadata = readMetadata(m.metadata);
  if (typeof metadata === 'string') return metadata;
  return { dataType, ...(metadata ? { metadata } : {}) };
}

/** Metadata: string → string, ASCII keys ≤ 256 chars (lower-cased), values ≤ 1024, 8 KiB in all. */
export function readMetadata(value: unknown): Metadata | undefined | string {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    return 'metadata must be an object of strings.';
  const out: Metadata = {};
  let size = 0;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v !== 'string') return `metadata '${k}' must be a string.`;
    if (!/^[\x21-\x7e]+$/.test(k) || k.length > METADATA_LIMITS.keyLength || k.includes(','))
      return `metadata key '${k}' is not valid.`;
    if (v.length > METADATA_LIMITS.valueLength) {
      return `metadata '${k}' is longer than ${METADATA_LIMITS.valueLength} characters.`;
    }
    size += k.length + v.length;
    out[k.toLowerCase()] = v;
  }
  if (size > METADATA_LIMITS.totalBytes) return 'metadata is larger than 8 KiB.';
  return Object.keys(out).length ? out : undefined;
}

const INVALID_EVENT_NAME = 'event must be a name of letters, digits, _ . - starting with a letter.';
const INVALID_INVOCATION_ID = 'invocationId must be a non-empty string of at most 128 characters.';

const INVALID_STREAM_ID = 'streamId must be a non-empty string of at most 128 characters.';

function isStreamId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= 128;
}

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

function isInvocationId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= 128;
}

function readAckId(v: unknown): number | undefined | 'invalid' {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 'invalid';
}

function isTtl(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_MESSAGE_TTL_SECONDS;
}

function invalidGroup(group: unknown): string {
  return typeof group === 'string' ? INVALID_GROUP_NAME_MESSAGE : 'group is required.';
}

function isBase64(s: string): boolean {
  return s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s);
}
