// Who sent an event, from the connection context the extension passes (user id from the token,
// name and admin flag from the states `connect` set, the event id from its `ce-id` header).
import type { ConnectionContext } from '../../bindings';
import type { Caller } from '../../chat/service';

export function callerOf(ctx: ConnectionContext): Caller {
  const states = ctx.states ?? {};
  const userId = ctx.userId ?? '';
  return {
    connectionId: ctx.connectionId,
    userId,
    name: typeof states.name === 'string' ? states.name : userId,
    admin: states.admin === true,
    eventId: header(ctx.headers, 'ce-id'),
  };
}

/** A request header's first value, its name matched without regard to case. */
function header(headers: Record<string, string[]> | undefined, name: string): string | undefined {
  for (const [key, values] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === name) return values[0];
  }
  return undefined;
}
