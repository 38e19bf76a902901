// `join` user event: enter a room; the reply carries its members and recent history.
import type { InvocationContext } from '@azure/functions';
import { app } from '@azure/functions';

import type { UserEventRequest } from '../bindings';
import { actionsOutput, occupancyOutput, userEventTrigger } from '../bindings';
import { joinSchema } from '../chat/envelope';
import { chat } from '../chat/runtime';
import { respond } from './shared/respond';

export function handleJoin(request: UserEventRequest, context: InvocationContext) {
  return respond(request, context, joinSchema, (caller, e) => chat().join(caller, e));
}

app.generic('join', {
  trigger: userEventTrigger('join'),
  extraOutputs: [actionsOutput, occupancyOutput],
  handler: (request, context) => handleJoin(request as UserEventRequest, context),
});
