// The output bindings every function shares, declared once: the `webPubSub` output that carries
// actions, and the occupancy queue.
import type { InvocationContext } from '@azure/functions';
import { output } from '@azure/functions';

import type { WebPubSubAction } from './actions';
import { HUB, OCCUPANCY_QUEUE, STORAGE_CONNECTION, WEB_PUBSUB_CONNECTION } from './settings';

/** The `webPubSub` output: its value is an array of actions, executed in order. */
export const actionsOutput = output.webPubSub({
  name: 'actions',
  hub: HUB,
  connection: WEB_PUBSUB_CONNECTION,
});

export function emitActions(context: InvocationContext, actions: WebPubSubAction[]): void {
  if (actions.length) context.extraOutputs.set(actionsOutput, actions);
}

/** Occupancy events (`room_occupied` / `room_vacated`) onto a queue any backend can consume. */
export const occupancyOutput = output.storageQueue({
  queueName: OCCUPANCY_QUEUE,
  connection: STORAGE_CONNECTION,
});

export function emitOccupancy(context: InvocationContext, events: object[]): void {
  if (events.length) context.extraOutputs.set(occupancyOutput, events);
}
