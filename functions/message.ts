// `message` user event: to a room (stored in history first), a user, or everyone (admins only);
// the sender's reply is the ack with the message id (and the room sequence number).
import type { InvocationContext } from '@azure/functions';
import { app } from '@azure/functions';

import type { UserEventRequest } from '../bindings';
import { actionsOutput, userEventTrigger } from '../bindings';
import { messageSchema } from '../chat/envelope';
import { chat } from '../chat/runtime';
import { respond } from './shared/respond';

export function handleMessage(request: UserEventRequest, context: InvocationContext) {
  return respond(request, context, messageSchema, (caller, e) => chat().message(caller, e));
}

app.generic('message', {
  trigger: userEventTrigger('message'),
  extraOutputs: [actionsOutput],
  handler: (request, context) => handleMessage(request as UserEventRequest, context),
});
