// `disconnected` system event (non-blocking): leave every room, announce departures and vacancies.
import type { InvocationContext } from '@azure/functions';
import { app } from '@azure/functions';

import type { DisconnectedRequest } from '../bindings';
import {
  actionsOutput,
  disconnectedTrigger,
  emitActions,
  emitOccupancy,
  occupancyOutput,
  toActions,
} from '../bindings';
import { services } from './shared/app-services';

export async function onDisconnected(
  request: DisconnectedRequest,
  context: InvocationContext,
): Promise<void> {
  const effects = await services().chat.disconnected(request.connectionContext.connectionId);
  emitActions(context, toActions(effects.groups, effects.deliveries));
  emitOccupancy(context, effects.occupancy);
}

app.generic('disconnected', {
  trigger: disconnectedTrigger(),
  extraOutputs: [actionsOutput, occupancyOutput],
  handler: (request, context) => onDisconnected(request as DisconnectedRequest, context),
});
