// What the log shows of a client frame: its type, group, event, ack or sequence id and a short
// preview of the data, read from JSON frames; other frames are described by size. Outgoing data
// is shown once per message (its target and how many connections it reached), not per frame.
// These run when the log flushes, for the entries it keeps, never on the send path itself.
import type { MessageTarget } from '../routing';
import type { ClientConnection } from '../state/connection';
import type { ControlFrame } from '../ws/codecs/codec';
import type { OutboundData, PreparedMessage } from '../ws/outbound';
import type { LogInput } from './live-log';

const PREVIEW_CHARS = 240;

export function frameEntry(
  direction: 'in' | 'out',
  conn: ClientConnection,
  data: unknown,
  isBinary: boolean,
): LogInput {
  const base = {
    kind: direction === 'in' ? ('frame-in' as const) : ('frame-out' as const),
    outcome: 'info' as const,
    hub: conn.hub.name,
    connectionId: conn.id,
    userId: conn.userId,
  };
  const bytes = toBuffer(data);
  const arrow = direction === 'in' ? '→' : '←';
  if (isBinary || conn.codec.controlIsBinary) {
    return {
      ...base,
      summary: `${arrow} binary frame, ${bytes.length} bytes`,
      detail: { bytes: bytes.length },
    };
  }
  const text = bytes.toString('utf8');
  const preview = text.length > PREVIEW_CHARS ? text.slice(0, PREVIEW_CHARS) + '…' : text;
  if (conn.kind === 'raw') {
    return { ...base, summary: `${arrow} ${preview}`, detail: { text: preview } };
  }
  let frame: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') frame = parsed as Record<string, unknown>;
  } catch {
    // Shown as text: the emulator will close the client for it.
  }
  const type = str(frame.type) ?? 'frame';
  const group = str(frame.group);
  const event = str(frame.event);
  const parts = [type];
  if (event) parts.push(event);
  if (group) parts.push(`group ${group}`);
  if (typeof frame.ackId === 'number') parts.push(`ackId ${frame.ackId}`);
  if (typeof frame.sequenceId === 'number') parts.push(`seq ${frame.sequenceId}`);
  if (frame.success === false) parts.push('failed');
  const shown = frame.data === undefined ? '' : dataPreview(frame.data);
  return {
    ...base,
    ...(group ? { group } : {}),
    ...(event ? { event } : {}),
    ...(frame.success === false ? { outcome: 'error' as const } : {}),
    summary: `${arrow} ${parts.join(' ')}${shown ? `: ${shown}` : ''}`,
    detail: { text: preview },
  };
}

/** A control frame (ack, pong, system, invokeResponse...) sent to one connection. */
export function controlEntry(conn: ClientConnection, frame: ControlFrame): LogInput {
  const bytes = conn.codec.encodeControl(frame) ?? Buffer.alloc(0);
  return frameEntry('out', conn, bytes, conn.codec.controlIsBinary);
}

/** One message fanned out: its target, the data and how many connections it reached. */
export function fanoutEntry(
  msg: PreparedMessage,
  target: MessageTarget,
  recipients: number,
  only: ClientConnection | undefined,
): LogInput {
  const origin = msg.origin;
  const to = target.to === 'all' ? 'everyone' : `${target.to} ${target.name ?? ''}`.trimEnd();
  const from =
    origin.from === 'group' && origin.fromUserId !== undefined
      ? ` from ${origin.fromUserId === null ? 'an anonymous client' : `user ${origin.fromUserId}`}`
      : '';
  return {
    kind: 'frame-out',
    outcome: 'info',
    ...(target.hub ? { hub: target.hub } : {}),
    ...(target.to === 'group' && target.name !== undefined ? { group: target.name } : {}),
    ...(target.to === 'user' && target.name !== undefined ? { userId: target.name } : {}),
    ...(recipients === 1 && only ? { connectionId: only.id, userId: only.userId } : {}),
    summary: `← message to ${to}${from}: ${dataSummary(msg.data)} → ${recipients} connection${recipients === 1 ? '' : 's'}`,
    detail: {
      recipients,
      dataType: msg.data.dataType,
      bytes: msg.data.bytes.length,
      ...textDetail(msg.data),
    },
  };
}

/** A message to one connection outside a fan-out (an event handler's reply). */
export function replyEntry(conn: ClientConnection, data: OutboundData): LogInput {
  return {
    kind: 'frame-out',
    outcome: 'info',
    hub: conn.hub.name,
    connectionId: conn.id,
    userId: conn.userId,
    summary: `← reply from the event handler: ${dataSummary(data)}`,
    detail: { dataType: data.dataType, bytes: data.bytes.length, ...textDetail(data) },
  };
}

function isText(data: OutboundData): boolean {
  return data.dataType === 'text' || data.dataType === 'json';
}

function dataSummary(data: OutboundData): string {
  if (!isText(data)) return `${data.dataType}, ${data.bytes.length} bytes`;
  const text = data.bytes.toString('utf8', 0, Math.min(data.bytes.length, PREVIEW_CHARS * 4));
  return text.length > 80 ? text.slice(0, 80) + '…' : text;
}

function textDetail(data: OutboundData): { text?: string } {
  if (!isText(data)) return {};
  const text = data.bytes.toString('utf8', 0, Math.min(data.bytes.length, PREVIEW_CHARS * 4));
  return { text: text.length > PREVIEW_CHARS ? text.slice(0, PREVIEW_CHARS) + '…' : text };
}

function dataPreview(data: unknown): string {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return text.length > 80 ? text.slice(0, 80) + '…' : text;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function toBuffer(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (typeof data === 'string') return Buffer.from(data);
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (Array.isArray(data)) return Buffer.concat(data as Buffer[]);
  return Buffer.alloc(0);
}
