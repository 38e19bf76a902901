// Every five minutes: drop presence the service no longer backs (a lost `disconnected` event),
// announcing departures as a real disconnect would.
import type { InvocationContext, Timer } from '@azure/functions';
import { app } from '@azure/functions';

import type { Effects } from '../chat/effects';
import { noEffects } from '../chat/effects';
import type { AppServices } from './shared/app-services';
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

/** The services (one per instance) that have reconciled since they started. */
const reconciledSinceStart = new WeakSet<AppServices>();

/**
 * Every 15 seconds: the `disconnected` events that failed (storage down) run again. Their list is
 * the instance's own, in memory: a new instance (after a crash, a restart or a scale-out) cannot
 * know what an earlier one failed to finish, so its first tick that reaches storage reconciles
 * instead, which drops every ghost the service no longer backs. Ghosts last at most until then, not
 * until the next five-minute reconcile. (Keeping the list in storage would not help: it fails in the
 * very outage that fills it.)
 */
export async function retryDisconnects(_timer: Timer, context: InvocationContext): Promise<void> {
  try {
    const current = services();
    const effects = noEffects();
    const add = (more: Effects) => {
      effects.groups.push(...more.groups);
      effects.deliveries.push(...more.deliveries);
      effects.occupancy.push(...more.occupancy);
    };
    if (!reconciledSinceStart.has(current)) {
      const reconciled = await current.chat.reconcile(current.liveView).catch(() => undefined);
      if (reconciled) {
        reconciledSinceStart.add(current);
        add(reconciled.effects);
        if (reconciled.removed.length)
          context.log(`Presence reconciled at start: ${reconciled.removed.length} removed.`);
      }
    }
    const { removed, effects: late } = await current.chat.retryDisconnects();
    add(late);
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
