// What the log shows of a client frame: its type, group, event, ack or sequence id and a short
// preview of the data, read from JSON frames; other frames are described by size.
import type { ClientConnection } from '../state/connection';
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
