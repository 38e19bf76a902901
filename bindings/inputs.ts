// The `webPubSubConnection` inputs negotiate uses, and their value as the handler reads it.
import type { InvocationContext } from '@azure/functions';
import { input } from '@azure/functions';

import { HUB, WEB_PUBSUB_CONNECTION } from './settings';
import type { WebPubSubConnectionInfo } from './types';

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

type ConnectionInput = typeof principalConnectionInput;

/** The input's value: the extension resolves a `webPubSubConnection` input to this shape. */
export function connectionInfo(
  context: InvocationContext,
  connectionInput: ConnectionInput,
): WebPubSubConnectionInfo {
  return context.extraInputs.get(connectionInput) as WebPubSubConnectionInfo;
}
