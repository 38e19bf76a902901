// Web PubSub triggers with the event fixed, plus the bindings every function shares: the `webPubSub`
// output that carries actions, and the negotiate inputs. Declared once, here.
import type { InvocationContext } from '@azure/functions';
import { input, output, trigger } from '@azure/functions';

import type { WebPubSubAction } from './actions';
import { HUB, OCCUPANCY_QUEUE, STORAGE_CONNECTION, WEB_PUBSUB_CONNECTION } from './settings';

// The trigger binding is named `request`, so the handler's first argument is the whole event.
const event = (eventType: 'system' | 'user', eventName: string) =>
  trigger.webPubSub({
    name: 'request',
    hub: HUB,
    eventType,
    eventName,
    connections: [WEB_PUBSUB_CONNECTION],
  });

export const connectTrigger = () => event('system', 'connect');
export const connectedTrigger = () => event('system', 'connected');
export const disconnectedTrigger = () => event('system', 'disconnected');
export const userEventTrigger = (eventName: string) => event('user', eventName);

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

export function emitOccupancy(context: InvocationContext, events: unknown[]): void {
  if (events.length) context.extraOutputs.set(occupancyOutput, events);
}

/** Client access for the authenticated principal App Service Authentication vouches for. */
export const principalConnectionInput = input.webPubSubConnection({
  name: 'connection',
  hub: HUB,
  userId: '{headers.x-ms-client-principal-id}',
  connection: WEB_PUBSUB_CONNECTION,
});

/** Client access for a guest: a fresh id the host generates, never one the caller chose. */
export const guestConnectionInput = input.webPubSubConnection({
  name: 'connection',
  hub: HUB,
  userId: 'guest-{sys.randguid}',
  connection: WEB_PUBSUB_CONNECTION,
});
