// `connected` system event (non-blocking): record the live connection for presence.
import type { InvocationContext } from '@azure/functions';
import { app } from '@azure/functions';

import type { ConnectedRequest } from '../bindings';
import { connectedTrigger, triggerHandler } from '../bindings';
import { services } from './shared/app-services';
import { callerOf } from './shared/caller';

export async function onConnected(
  request: ConnectedRequest,
  _context: InvocationContext,
): Promise<void> {
  await services().chat.connected(callerOf(request.connectionContext));
}

app.generic('connected', {
  trigger: connectedTrigger(),
  handler: triggerHandler('connected', onConnected),
});
