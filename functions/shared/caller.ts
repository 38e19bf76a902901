// Who sent an event, from the connection context the extension passes (user id from the token,
// name and admin flag from the states `connect` set).
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
  };
}
