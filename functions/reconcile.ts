// Every five minutes: drop presence the service no longer backs (a lost `disconnected` event),
// announcing departures as a real disconnect would.
import type { InvocationContext, Timer } from '@azure/functions';
import { app } from '@azure/functions';

import { services } from './shared/app-services';
import { EFFECT_OUTPUTS, emitEffects } from './shared/effects-sink';

export async function reconcile(_timer: Timer, context: InvocationContext): Promise<void> {
  try {
    const { chat, liveView } = services();
    const { removed, effects } = await chat.reconcile(liveView);
    emitEffects(context, effects);
    if (removed.length)
      context.log(`Presence reconciled: ${removed.length} stale connection(s) removed.`);
  } catch (err) {
    context.error('reconcile failed:', err);
  }
}

/** Every 15 seconds: the `disconnected` events that failed (storage down) run again. */
export async function retryDisconnects(_timer: Timer, context: InvocationContext): Promise<void> {
  try {
    const { removed, effects } = await services().chat.retryDisconnects();
    emitEffects(context, effects);
    if (removed.length) context.log(`Late disconnects done: ${removed.length} connection(s).`);
  } catch (err) {
    context.error('retryDisconnects failed:', err);
  }
}

app.timer('retryDisconnects', {
  schedule: '*/15 * * * * *',
  extraOutputs: EFFECT_OUTPUTS,
  handler: retryDisconnects,
});

app.timer('reconcile', {
  schedule: '0 */5 * * * *',
  extraOutputs: EFFECT_OUTPUTS,
  handler: reconcile,
});
