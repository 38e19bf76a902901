// `disconnected` system event (non-blocking): leave every room, announce departures and vacancies.
import type { InvocationContext } from '@azure/functions';
import { app } from '@azure/functions';

import type { DisconnectedRequest } from '../bindings';
import { disconnectedTrigger, triggerHandler } from '../bindings';
import { services } from './shared/app-services';
import { EFFECT_OUTPUTS, emitEffects } from './shared/effects-sink';

export async function onDisconnected(
  request: DisconnectedRequest,
  context: InvocationContext,
): Promise<void> {
  try {
    emitEffects(
      context,
      await services().chat.disconnected(request.connectionContext.connectionId),
    );
  } catch (err) {
    // Never thrown: the chat keeps the connection and `retryDisconnects` finishes it.
    context.error('disconnected failed, retried soon:', err);
  }
}

app.generic('disconnected', {
  trigger: disconnectedTrigger(),
  extraOutputs: EFFECT_OUTPUTS,
  handler: triggerHandler('disconnected', onDisconnected),
});
