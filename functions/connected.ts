// `connected` system event (non-blocking): record the live connection for presence.
import type { InvocationContext } from '@azure/functions';
import { app } from '@azure/functions';

import type { ConnectedRequest } from '../bindings';
import { connectedTrigger, triggerHandler } from '../bindings';
import { services } from './shared/app-services';
import { callerOf } from './shared/caller';

/** Never throws: a `join` records the connection too when this one failed. */
export async function onConnected(
  request: ConnectedRequest,
  context: InvocationContext,
): Promise<void> {
  try {
    await services().chat.connected(callerOf(request.connectionContext));
  } catch (err) {
    context.error('connected failed:', err);
  }
}

app.generic('connected', {
  trigger: connectedTrigger(),
  handler: triggerHandler('connected', onConnected),
});
