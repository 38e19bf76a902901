// Every five minutes: drop presence the service no longer backs (a lost `disconnected` event),
// announcing departures as a real disconnect would.
import type { InvocationContext, Timer } from '@azure/functions';
import { app } from '@azure/functions';

import { actionsOutput, emitActions, emitOccupancy, occupancyOutput, toActions } from '../bindings';
import { services } from './shared/app-services';

export async function reconcile(_timer: Timer, context: InvocationContext): Promise<void> {
  const { removed, effects } = await services().chat.reconcile(services().liveView);
  emitActions(context, toActions(effects.groups, effects.deliveries));
  emitOccupancy(context, effects.occupancy);
  if (removed.length)
    context.log(`Presence reconciled: ${removed.length} stale connection(s) removed.`);
}

app.timer('reconcile', {
  schedule: '0 */5 * * * *',
  extraOutputs: [actionsOutput, occupancyOutput],
  handler: reconcile,
});
