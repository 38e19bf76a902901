// What a JSON-subprotocol client's frames do: join/leave/publish to groups (with permission
// checks), user events to the event handler (reply, then ack), sequence acks and pings.
import type { AckErrorName, AckMessage, EventRequest, SendToGroupRequest } from '../../../protocol';
import { CLOSE_CODES } from '../../../protocol';
import type { EmulatorContext } from '../context';
import type { ClientConnection } from '../state/connection';
import { USER_EVENT_CONTENT_TYPES } from '../upstream/dispatcher';
import { parseJsonFrame, toOutboundData } from './json-frames';
import { PreparedMessage } from './outbound';

export function handleJsonFrame(
  ctx: EmulatorContext,
  conn: ClientConnection,
  data: Buffer,
  isBinary: boolean,
): void {
  if (isBinary) {
    ctx.lifecycle.closeByService(
      conn,
      'Binary frames are not supported by JSON subprotocols.',
      CLOSE_CODES.unsupportedData,
    );
    return;
  }
  const parsed = parseJsonFrame(data.toString('utf8'));
  if (!parsed.ok) {
    if (parsed.ackId !== undefined) ack(conn, parsed.ackId, 'BadRequest', parsed.message);
    else
      ctx.lifecycle.closeByService(
        conn,
        `Invalid message: ${parsed.message}`,
        CLOSE_CODES.invalidPayload,
      );
    return;
  }
  const req = parsed.request;
  switch (req.type) {
    case 'ping':
      conn.sendControl({ type: 'pong' });
      return;
    case 'sequenceAck':
      conn.reliable?.ack(req.sequenceId);
      return;
    case 'joinGroup':
    case 'leaveGroup':
      withAck(conn, req.ackId, () => {
        if (!conn.permissions.canJoinLeave(req.group)) return forbidden(req.type, req.group);
        if (req.type === 'joinGroup') conn.hub.addToGroup(conn, req.group);
        else conn.hub.removeFromGroup(conn, req.group);
        return undefined;
      });
      return;
    case 'sendToGroup':
      withAck(conn, req.ackId, () => sendToGroup(ctx, conn, req));
      return;
    case 'event':
      sendEvent(ctx, conn, req);
      return;
  }
}

type Failure = { name: AckErrorName; message: string } | undefined;

function sendToGroup(
  ctx: EmulatorContext,
  conn: ClientConnection,
  req: SendToGroupRequest,
): Failure {
  if (!conn.permissions.canSendTo(req.group)) return forbidden('sendToGroup', req.group);
  const data = toOutboundData(req.data, req.dataType, req.metadata);
  if (typeof data === 'string') return { name: 'BadRequest', message: data };
  const msg = new PreparedMessage(data, {
    from: 'group',
    group: req.group,
    fromUserId: conn.userId,
  });
  ctx.fanout.deliver(conn.hub.group(req.group), msg, req.noEcho ? { skip: conn } : {});
  return undefined;
}

function sendEvent(ctx: EmulatorContext, conn: ClientConnection, req: EventRequest): void {
  const { ackId } = req;
  // An event may carry no data at all; the handler then gets an empty body.
  const data =
    req.data === undefined
      ? { dataType: 'text' as const, bytes: Buffer.alloc(0) }
      : toOutboundData(req.data, req.dataType, undefined);
  if (typeof data === 'string') {
    if (ackId !== undefined) ack(conn, ackId, 'BadRequest', data);
    else ctx.lifecycle.closeByService(conn, `Invalid message: ${data}`, CLOSE_CODES.invalidPayload);
    return;
  }
  if (ackId !== undefined && !conn.ackIds.begin(ackId)) {
    ack(conn, ackId, 'Duplicate', `Message with ack-id: ${ackId} has been processed`);
    return;
  }
  const payload = {
    bytes: data.bytes,
    contentType: USER_EVENT_CONTENT_TYPES[data.dataType],
    ...(req.metadata ? { metadata: req.metadata } : {}),
  };
  void ctx.dispatcher.userEvent(conn, req.event, payload).then((outcome) => {
    if (conn.ended) return;
    if (outcome.ok && outcome.reply) {
      const reply = new PreparedMessage(outcome.reply, { from: 'server' });
      if (!conn.deliver(reply)) {
        ctx.lifecycle.closeByService(
          conn,
          'The connection cannot keep up with its messages.',
          1008,
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

function forbidden(op: string, group: string): Failure {
  return { name: 'Forbidden', message: `The connection has no permission to ${op} '${group}'.` };
}
