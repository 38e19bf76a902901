// Web PubSub triggers with the event fixed, and the one place the trigger's `unknown` argument
// becomes the request type the extension hands that event (types.ts).
import type { InvocationContext } from '@azure/functions';
import { trigger } from '@azure/functions';

import { HUB, WEB_PUBSUB_CONNECTION } from './settings';
import type {
  ConnectedRequest,
  ConnectRequest,
  DisconnectedRequest,
  UserEventRequest,
} from './types';

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

/** What each trigger above hands its handler. */
export interface TriggerRequests {
  connect: ConnectRequest;
  connected: ConnectedRequest;
  disconnected: DisconnectedRequest;
  user: UserEventRequest;
}

/**
 * An `app.generic` handler for the trigger of kind `K`: `app.generic` types its argument `unknown`,
 * and the extension passes this trigger's request (types.ts) and nothing else.
 */
export function triggerHandler<K extends keyof TriggerRequests, T>(
  _kind: K,
  handler: (request: TriggerRequests[K], context: InvocationContext) => T,
): (request: unknown, context: InvocationContext) => T {
  return (request, context) => handler(request as TriggerRequests[K], context);
}
