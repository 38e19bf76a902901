// `leave` user event: leave a room; the room hears `member_removed` when the user's last tab leaves.
import type { InvocationContext } from '@azure/functions';
import { app } from '@azure/functions';

import type { UserEventRequest } from '../bindings';
import { actionsOutput, occupancyOutput, userEventTrigger } from '../bindings';
import { leaveSchema } from '../chat/envelope';
import { chat } from '../chat/runtime';
import { respond } from './shared/respond';

export function handleLeave(request: UserEventRequest, context: InvocationContext) {
  return respond(request, context, leaveSchema, (caller, e) => chat().leave(caller, e));
}

app.generic('leave', {
  trigger: userEventTrigger('leave'),
  extraOutputs: [actionsOutput, occupancyOutput],
  handler: (request, context) => handleLeave(request as UserEventRequest, context),
});
