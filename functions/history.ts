// `history` user event: a room's messages after a sequence number, for gap-free resume.
import type { InvocationContext } from '@azure/functions';
import { app } from '@azure/functions';

import type { UserEventRequest } from '../bindings';
import { userEventTrigger } from '../bindings';
import { historySchema } from '../chat/envelope';
import { chat } from '../chat/runtime';
import { respond } from './shared/respond';

export function handleHistory(request: UserEventRequest, context: InvocationContext) {
  return respond(request, context, historySchema, (_caller, e) => chat().history(e));
}

app.generic('history', {
  trigger: userEventTrigger('history'),
  handler: (request, context) => handleHistory(request as UserEventRequest, context),
});
