// The chat's user events (PROTOCOL.md §2), registered from one table: each
// names the chat operation that answers it. Blocking: the reply goes back to the sender.
import type { InvocationContext } from '@azure/functions';
import { app } from '@azure/functions';

import type { UserEventRequest, UserEventResponse } from '../bindings';
import { triggerHandler, userEventTrigger } from '../bindings';
import type { Outcome } from '../chat/effects';
import { noEffects } from '../chat/effects';
import type { Caller } from '../chat/service';
import type { ClientEnvelope } from '../chat-contract/envelopes';
import type { UserEventName } from '../chat-contract/events';
import { USER_EVENTS } from '../chat-contract/events';
import type { Reply } from '../chat-contract/payloads';
import { services } from './shared/app-services';
import { EFFECT_OUTPUTS } from './shared/effects-sink';
import { respond } from './shared/respond';

type Operation<E extends UserEventName> = (
  caller: Caller,
  envelope: ClientEnvelope<E>,
) => Promise<Outcome<Reply<E>>>;

/** What answers each user event. */
export const USER_EVENT_OPERATIONS: { [E in UserEventName]: Operation<E> } = {
  join: (caller, e) => services().chat.join(caller, e),
  leave: (caller, e) => services().chat.leave(caller, e),
  message: (caller, e) => services().chat.message(caller, e),
  history: async (caller, e) => ({
    reply: await services().chat.history(caller, e),
    effects: noEffects(),
  }),
  edit: (caller, e) => services().chat.changes.edit(caller, e),
  delete: (caller, e) => services().chat.changes.delete(caller, e),
  react: (caller, e) => services().chat.changes.react(caller, e),
  read: (caller, e) => services().chat.readState.read(caller, e),
  rooms: async (caller) => ({
    reply: await services().chat.readState.rooms(caller),
    effects: noEffects(),
  }),
};

/** The handler of one user event: parse its envelope, run its operation, emit effects, reply. */
export function handleUserEvent<E extends UserEventName>(event: E) {
  const operation: Operation<E> = USER_EVENT_OPERATIONS[event];
  return (request: UserEventRequest, context: InvocationContext): Promise<UserEventResponse> =>
    respond(event, request, context, operation);
}

for (const event of USER_EVENTS) {
  app.generic(event, {
    trigger: userEventTrigger(event),
    extraOutputs: EFFECT_OUTPUTS,
    handler: triggerHandler('user', handleUserEvent(event)),
  });
}
