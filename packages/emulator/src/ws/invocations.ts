// Invocations: `invoke` sends the user event it names to the event handler and answers with one
// `invokeResponse` — the handler's reply as data, or `success: false` with an error name —
// unless the client cancels first. One invocation id is in flight at most once per connection.
import type { InvokeErrorName } from '@wps-local/wire';

import type { EmulatorContext } from '../context';
import type { ClientConnection } from '../state/connection';
import type { UserEventOutcome } from '../upstream/dispatcher';
import { USER_EVENT_CONTENT_TYPES } from '../upstream/dispatcher';
import type { ClientOp } from './client-op';
import type { InvokeResult } from './codecs/codec';

/** The handler's own error details stay server-side, as for sendEvent acks. */
export const INVOKE_ERRORS = {
  handlerFailed: 'The event handler failed to process the event.',
  refused: 'The event handler refused the invocation.',
  timeout: 'The event handler did not answer in time.',
  noHandler: (event: string) => `No event handler is configured for the event '${event}'.`,
  inProgress: (id: string) => `Invocation with id: ${id} is in progress.`,
} as const;

export function invoke(
  ctx: EmulatorContext,
  conn: ClientConnection,
  op: Extract<ClientOp, { type: 'invoke' }>,
): void {
  const { invocationId: id, data } = op;
  if (typeof data === 'string') return failInvocation(conn, id, 'BadRequest', data);
  if (conn.invocations.has(id)) {
    return failInvocation(conn, id, 'Duplicate', INVOKE_ERRORS.inProgress(id));
  }
  const timer = setTimeout(() => {
    if (conn.invocations.get(id) !== timer) return;
    conn.invocations.delete(id);
    failInvocation(conn, id, 'Timeout', INVOKE_ERRORS.timeout);
  }, ctx.invokeTimeoutMs);
  timer.unref();
  conn.invocations.set(id, timer);
  const payload = { bytes: data.bytes, contentType: USER_EVENT_CONTENT_TYPES[data.dataType] };
  void ctx.dispatcher.userEvent(conn, op.event, payload).then((outcome) => {
    // Cancelled, timed out, or the connection ended: nobody waits for this answer any more.
    if (conn.invocations.get(id) !== timer) return;
    conn.invocations.delete(id);
    clearTimeout(timer);
    if (conn.ended) return;
    if (outcome.ok) {
      const result: InvokeResult = { type: 'invokeResponse', invocationId: id, success: true };
      conn.sendControl(outcome.reply ? { ...result, reply: outcome.reply } : result);
      return;
    }
    const [name, message] = failureOf(outcome, op.event);
    failInvocation(conn, id, name, message);
  });
}

/** The client stops waiting: a later answer from the handler is dropped. Unknown ids are ignored. */
export function cancelInvocation(conn: ClientConnection, id: string): void {
  const timer = conn.invocations.get(id);
  if (!timer) return;
  clearTimeout(timer);
  conn.invocations.delete(id);
}

export function failInvocation(
  conn: ClientConnection,
  invocationId: string,
  name: InvokeErrorName,
  message: string,
): void {
  conn.sendControl({
    type: 'invokeResponse',
    invocationId,
    success: false,
    error: { name, message },
  });
}

function failureOf(
  outcome: Extract<UserEventOutcome, { ok: false }>,
  event: string,
): [InvokeErrorName, string] {
  if (outcome.noHandler) return ['InternalServerError', INVOKE_ERRORS.noHandler(event)];
  if (outcome.status === 401 || outcome.status === 403) return ['Forbidden', INVOKE_ERRORS.refused];
  return ['InternalServerError', INVOKE_ERRORS.handlerFailed];
}
