// Group streams: a writer opens a stream to a group (`sendToGroup` with `stream`), writes ordered
// fragments (`streamData` with streamSequenceId 1, 2, ...) that every member gets as group messages
// with their stream info, and ends or aborts it (`streamEnd`). The writer hears `streamAck` (every
// fragment before `expectedSequenceId` arrived), `streamNack` (one was refused) and `streamClosed`
// (the service ended the stream). Frames as @azure/web-pubsub-client 1.1 reads and writes them.
import type { EmulatorContext } from '../context';
import type { ClientConnection } from '../state/connection';
import type { ClientOp } from './client-op';
import type { OutboundGroupStream, StreamError } from './group-stream-state';
import type { OutboundData } from './outbound';
import { PreparedMessage } from './outbound';

/** Without `idleTimeoutMs`, a stream that hears nothing for this long is closed. */
export const DEFAULT_STREAM_IDLE_MS = 60_000;
/** The longest idle time a writer may ask for. */
export const MAX_STREAM_IDLE_MS = 300_000;

const EMPTY = Buffer.alloc(0);

export function startStream(
  ctx: EmulatorContext,
  conn: ClientConnection,
  op: Extract<ClientOp, { type: 'streamStart' }>,
): void {
  const { streamId, group } = op;
  const existing = conn.streams.get(streamId);
  if (existing) {
    // A start sent again (after a reconnect): acknowledge where the stream stands.
    if (existing.group === group) return ack(conn, streamId, existing.expected);
    return closed(conn, streamId, 'Duplicate', `Stream '${streamId}' is already open.`);
  }
  if (!conn.permissions.canSendTo(group)) {
    return closed(conn, streamId, 'Forbidden', noPermission(group));
  }
  const stream: OutboundGroupStream = {
    group,
    noEcho: op.noEcho,
    expected: 1,
    idleMs: Math.min(op.idleTimeoutMs ?? DEFAULT_STREAM_IDLE_MS, MAX_STREAM_IDLE_MS),
    timer: undefined,
    close: (error, tellWriter = true) => {
      if (conn.streams.get(streamId) !== stream) return;
      conn.streams.delete(streamId);
      clearTimeout(stream.timer);
      publish(ctx, conn, streamId, stream, { dataType: 'json', bytes: EMPTY }, true, error);
      if (error && tellWriter && !conn.ended) closed(conn, streamId, error.name, error.message);
    },
  };
  conn.streams.set(streamId, stream);
  touch(stream);
  ack(conn, streamId, 1);
}

export function streamData(
  ctx: EmulatorContext,
  conn: ClientConnection,
  op: Extract<ClientOp, { type: 'streamData' }>,
): void {
  const { streamId } = op;
  const stream = conn.streams.get(streamId);
  if (!stream) return closed(conn, streamId, 'NotFound', `Stream '${streamId}' is not open.`);
  touch(stream);
  const seq = op.streamSequenceId;
  if (seq === undefined) return; // keep-alive
  if (seq < stream.expected) return ack(conn, streamId, stream.expected); // a resend
  if (seq > stream.expected) {
    return nack(
      conn,
      streamId,
      'OutOfOrder',
      `Expected fragment ${stream.expected}, got ${seq}.`,
      stream.expected,
    );
  }
  if (typeof op.data === 'string' || op.data === undefined) {
    return nack(conn, streamId, 'BadRequest', op.data ?? 'data is required.', stream.expected);
  }
  if (!conn.permissions.canSendTo(stream.group)) {
    return stream.close({ name: 'Forbidden', message: noPermission(stream.group) });
  }
  publish(ctx, conn, streamId, stream, op.data, false);
  stream.expected = seq + 1;
  ack(conn, streamId, stream.expected);
}

export function endStream(
  conn: ClientConnection,
  op: Extract<ClientOp, { type: 'streamEnd' }>,
): void {
  const stream = conn.streams.get(op.streamId);
  if (!stream) return;
  if (!op.error) return stream.close();
  // An abort reaches members as the stream's error; the writer asked for it, so no streamClosed.
  const name = op.error.userErrorCode ?? 'StreamAborted';
  const message = op.error.message ?? 'The writer aborted the stream.';
  stream.close({ name, message }, false);
}

function publish(
  ctx: EmulatorContext,
  conn: ClientConnection,
  streamId: string,
  stream: OutboundGroupStream,
  data: OutboundData,
  end: boolean,
  error?: StreamError,
): void {
  const msg = new PreparedMessage(data, {
    from: 'group',
    group: stream.group,
    fromUserId: conn.userId,
    stream: {
      streamId,
      streamSequenceId: stream.expected,
      ...(end ? { endOfStream: true } : {}),
      ...(error ? { error } : {}),
    },
  });
  ctx.fanout.deliver(conn.hub.group(stream.group), msg, stream.noEcho ? { skip: conn } : {});
}

function touch(stream: OutboundGroupStream): void {
  clearTimeout(stream.timer);
  stream.timer = setTimeout(
    () =>
      stream.close({ name: 'IdleTimeout', message: `No stream traffic for ${stream.idleMs} ms.` }),
    stream.idleMs,
  );
  stream.timer.unref();
}

function ack(conn: ClientConnection, streamId: string, expectedSequenceId: number): void {
  conn.sendControl({ type: 'streamAck', streamId, expectedSequenceId });
}

function nack(
  conn: ClientConnection,
  streamId: string,
  name: string,
  message: string,
  expectedSequenceId: number,
): void {
  conn.sendControl({ type: 'streamNack', streamId, name, message, expectedSequenceId });
}

function closed(conn: ClientConnection, streamId: string, name: string, message: string): void {
  conn.sendControl({ type: 'streamClosed', streamId, error: { name, message } });
}

function noPermission(group: string): string {
  return `The connection has no permission to sendToGroup '${group}'.`;
}
