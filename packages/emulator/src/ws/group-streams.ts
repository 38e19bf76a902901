// Group streams: a writer opens a stream to a group (`sendToGroup` with `stream`), writes ordered
// fragments (`streamData` with streamSequenceId 1, 2, ...) that every member gets as group messages
// with their stream info, and ends or aborts it (`streamEnd`). The writer hears `streamAck` (every
// fragment before `expectedSequenceId` arrived), `streamNack` (one was refused) and `streamClosed`
// (the stream is over: after an end, or with an error). Frames, error names and the default idle
// time as the client spec's streaming section (Azure/azure-webpubsub protocols/client/client-spec.md
// 3.6) and the reliable JSON subprotocol reference (MicrosoftDocs/azure-docs articles/azure-web-pubsub/
// reference-json-reliable-webpubsub-subprotocol.md) give them.
import type { EmulatorContext } from '../context';
import type { ClientConnection } from '../state/connection';
import type { ClientOp } from './client-op';
import type { OutboundGroupStream, StreamError } from './group-stream-state';
import type { OutboundData } from './outbound';
import { PreparedMessage } from './outbound';

/** Without `idleTimeoutMs`, a stream that hears nothing for this long is closed (client spec 3.6.1). */
export const DEFAULT_STREAM_IDLE_MS = 300_000;
/** The spec sets no upper bound; a Node timer cannot wait longer than this (about 24.8 days). */
export const MAX_STREAM_IDLE_MS = 2 ** 31 - 1;

const EMPTY = Buffer.alloc(0);

export function startStream(
  ctx: EmulatorContext,
  conn: ClientConnection,
  op: Extract<ClientOp, { type: 'streamStart' }>,
): void {
  const { streamId, group } = op;
  const existing = conn.streams.get(streamId);
  if (existing) {
    // Refused (spec 3.6.1: the id must be unique among the connection's active streams); the open
    // stream is left as it is.
    return closed(conn, streamId, 'BadRequest', `Stream '${streamId}' is already open.`);
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
    close: (error, writerError) => {
      const toWriter = writerError === undefined ? error : (writerError ?? undefined);
      if (conn.streams.get(streamId) !== stream) return;
      conn.streams.delete(streamId);
      clearTimeout(stream.timer);
      publish(ctx, conn, streamId, stream, { dataType: 'json', bytes: EMPTY }, true, error);
      if (!conn.ended) closed(conn, streamId, toWriter?.name, toWriter?.message);
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
  if (!stream) {
    return closed(conn, streamId, 'StreamNotFound', `Stream '${streamId}' is not open.`);
  }
  touch(stream);
  const seq = op.streamSequenceId;
  if (seq === undefined) return; // keep-alive
  if (seq < stream.expected) return ack(conn, streamId, stream.expected); // a resend
  if (seq > stream.expected) {
    return nack(
      conn,
      streamId,
      'InvalidSequenceId',
      `Expected fragment ${stream.expected}, got ${seq}.`,
      stream.expected,
    );
  }
  if (typeof op.data === 'string' || op.data === undefined) {
    // A fragment that cannot be delivered is terminal: a nack's names (InvalidSequenceId,
    // TransientError) are for what a resend can mend.
    const message = op.data ?? 'data is required.';
    return stream.close({ name: 'Cancelled', message }, { name: 'BadRequest', message });
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
  if (!stream) {
    return closed(conn, op.streamId, 'StreamNotFound', `Stream '${op.streamId}' is not open.`);
  }
  if (!op.error) return stream.close();
  // An abort reaches members as a UserError with what the writer gave; the writer asked for it, so
  // its streamClosed carries no error.
  const { message, userErrorCode } = op.error;
  stream.close(
    {
      name: 'UserError',
      message: message ?? 'The writer aborted the stream.',
      ...(userErrorCode !== undefined ? { userErrorCode } : {}),
    },
    null,
  );
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

/** `streamClosed`, with the error when there is one (a normal end has none). */
function closed(conn: ClientConnection, streamId: string, name?: string, message?: string): void {
  conn.sendControl({
    type: 'streamClosed',
    streamId,
    ...(name !== undefined ? { error: { name, message: message ?? '' } } : {}),
  });
}

function noPermission(group: string): string {
  return `The connection has no permission to sendToGroup '${group}'.`;
}
