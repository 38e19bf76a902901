// What a client's requests do, whatever their wire form: join/leave/publish to groups (with
// permission checks), user events to the event handler (reply, then ack), sequence acks, pings,
// and raw frames. Codecs (ws/codecs/*) only decode frames into these operations.
import type { AckErrorName, AckMessage } from '@wps-local/wire';
import { CLOSE_CODES } from '@wps-local/wire';

import type { EmulatorContext } from '../context';
import type { ClientConnection } from '../state/connection';
import { USER_EVENT_CONTENT_TYPES } from '../upstream/dispatcher';
import type { ClientOp } from './client-op';
import type { ParsedFrame } from './codecs/codec';
import { endStream, startStream, streamData } from './group-streams';
import { cancelInvocation, failInvocation, invoke } from './invocations';
import { PreparedMessage } from './outbound';
import { handleRawFrame } from './raw-frames';

/** Decodes a frame with the connection's codec and does what it asks. */
export function handleClientFrame(
  ctx: EmulatorContext,
  conn: ClientConnection,
  data: Buffer,
  isBinary: boolean,
): void {
  handleParsedFrame(ctx, conn, conn.codec.parse(data, isBinary));
}

export function handleParsedFrame(
  ctx: EmulatorContext,
  conn: ClientConnection,
  parsed: ParsedFrame,
): void {
  // A request that does not match the subprotocol's format declines the client, whatever its
  // ackId; only an invocation, which the client awaits by id, is answered with BadRequest.
  if (!parsed.ok) {
    if (parsed.problem === 'unsupported') {
      ctx.lifecycle.closeByService(conn, parsed.message, CLOSE_CODES.unsupportedData);
    } else if (parsed.invocationId !== undefined) {
      failInvocation(conn, parsed.invocationId, 'BadRequest', parsed.message);
    } else invalid(ctx, conn, parsed.message);
    return;
  }
  const op = parsed.op;
  if ((op.type === 'sendToGroup' || op.type === 'event') && typeof op.data === 'string') {
    invalid(ctx, conn, op.data);
    return;
  }
  switch (op.type) {
    case 'ping':
      conn.sendControl({ type: 'pong' });
      return;
    case 'sequenceAck':
      conn.reliable?.ack(op.sequenceId);
      return;
    case 'joinGroup':
    case 'leaveGroup':
      withAck(conn, op.ackId, () => {
        if (!conn.permissions.canJoinLeave(op.group)) return forbidden(op.type, op.group);
        if (op.type === 'joinGroup') conn.hub.addToGroup(conn, op.group);
        else conn.hub.removeFromGroup(conn, op.group);
        return undefined;
      });
      return;
    case 'sendToGroup':
      withAck(conn, op.ackId, () => sendToGroup(ctx, conn, op));
      return;
    case 'event':
      sendEvent(ctx, conn, op);
      return;
    case 'invoke':
      invoke(ctx, conn, op);
      return;
    case 'cancelInvocation':
      cancelInvocation(conn, op.invocationId);
      return;
    case 'streamStart':
      startStream(ctx, conn, op);
      return;
    case 'streamData':
      streamData(ctx, conn, op);
      return;
    case 'streamEnd':
      endStream(conn, op);
      return;
    case 'raw':
      handleRawFrame(ctx, conn, op.data);
      return;
  }
}

type Failure = { name: AckErrorName; message: string } | undefined;

function sendToGroup(
  ctx: EmulatorContext,
  conn: ClientConnection,
  op: Extract<ClientOp, { type: 'sendToGroup' }>,
): Failure {
  if (!conn.permissions.canSendTo(op.group)) return forbidden('sendToGroup', op.group);
  if (typeof op.data === 'string') return undefined; // declined before it gets here
  const msg = new PreparedMessage(op.data, {
    from: 'group',
    group: op.group,
    fromUserId: conn.userId,
  });
  ctx.fanout.deliver(conn.hub.group(op.group), msg, op.noEcho ? { skip: conn } : {});
  return undefined;
}

function sendEvent(
  ctx: EmulatorContext,
  conn: ClientConnection,
  op: Extract<ClientOp, { type: 'event' }>,
): void {
  const { ackId, data } = op;
  if (typeof data === 'string') return; // declined before it gets here
  if (ackId !== undefined && !conn.ackIds.begin(ackId)) {
    ack(conn, ackId, 'Duplicate', `Message with ack-id: ${ackId} has been processed`);
    return;
  }
  const payload = {
    bytes: data.bytes,
    contentType: USER_EVENT_CONTENT_TYPES[data.dataType],
    ...(op.metadata ? { metadata: op.metadata } : {}),
  };
  void ctx.dispatcher.userEvent(conn, op.event, payload).then((outcome) => {
    if (conn.ended) return;
    if (outcome.ok && outcome.reply) {
      const reply = new PreparedMessage(outcome.reply, { from: 'server' });
      ctx.tap?.replied(conn, outcome.reply);
      if (!conn.deliver(reply)) {
        ctx.lifecycle.closeByService(
          conn,
          'The connection cannot keep up with its messages.',
          CLOSE_CODES.policyViolation,
        );
        return;
      }
    }
    if (ackId === undefined) return;
    conn.ackIds.end(ackId, outcome.ok);
    if (outcome.ok) ack(conn, ackId);
    // The handler's error details stay server-side, as the service does.
    else ack(conn, ackId, 'InternalServerError', 'The event handler failed to process the event.');
  });
}

/** Runs a synchronous operation once per ackId and acknowledges it when the client asked. */
function withAck(conn: ClientConnection, ackId: number | undefined, op: () => Failure): void {
  if (ackId === undefined) {
    op();
    return;
  }
  if (!conn.ackIds.begin(ackId)) {
    ack(conn, ackId, 'Duplicate', `Message with ack-id: ${ackId} has been processed`);
    return;
  }
  const failure = op();
  conn.ackIds.end(ackId, failure === undefined);
  if (failure) ack(conn, ackId, failure.name, failure.message);
  else ack(conn, ackId);
}

function ack(conn: ClientConnection, ackId: number, name?: AckErrorName, message?: string): void {
  const msg: AckMessage =
    name === undefined
      ? { type: 'ack', ackId, success: true }
      : { type: 'ack', ackId, success: false, error: { name, message: message ?? name } };
  conn.sendControl(msg);
}

function invalid(ctx: EmulatorContext, conn: ClientConnection, message: string): void {
  ctx.lifecycle.closeByService(conn, `Invalid message: ${message}`, CLOSE_CODES.invalidPayload);
}

function forbidden(op: string, group: string): Failure {
  return { name: 'Forbidden', message: `The connection has no permission to ${op} '${group}'.` };
}
