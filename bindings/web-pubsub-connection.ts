// The Web PubSub connection setting, read as the extension reads it: a connection string, else the
// identity-based `WebPubSubConnectionString__serviceUri` (and `__clientId` for a user-assigned identity).
import type { AppSettings } from './settings';
import { WEB_PUBSUB_CONNECTION } from './settings';

export type WebPubSubConnection =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'identity'; serviceUri: string; managedIdentityClientId: string | undefined };

/** Undefined when neither form is set. */
export function readWebPubSubConnection(settings: AppSettings): WebPubSubConnection | undefined {
  const connectionString = settings[WEB_PUBSUB_CONNECTION];
  if (connectionString) return { kind: 'connectionString', connectionString };
  const serviceUri = settings[`${WEB_PUBSUB_CONNECTION}__serviceUri`];
  if (!serviceUri) return undefined;
  return {
    kind: 'identity',
    serviceUri,
    managedIdentityClientId: settings[`${WEB_PUBSUB_CONNECTION}__clientId`] || undefined,
  };
}

export const webPubSubNotConfigured = () =>
  new Error(
    `Set ${WEB_PUBSUB_CONNECTION} (a connection string) or ${WEB_PUBSUB_CONNECTION}__serviceUri (managed identity).`,
  );
