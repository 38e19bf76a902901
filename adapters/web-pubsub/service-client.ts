// The Web PubSub service client the app uses for what output bindings cannot do (filters, closing a
// user's connections, existence checks): a connection string locally, managed identity in Azure.
import { DefaultAzureCredential } from '@azure/identity';
import { WebPubSubServiceClient } from '@azure/web-pubsub';

import type { WebPubSubConnection } from '../../bindings/web-pubsub-connection';
import type { LiveView } from '../../chat/service';

export function createServiceClient(
  connection: WebPubSubConnection,
  hub: string,
): WebPubSubServiceClient {
  if (connection.kind === 'connectionString') {
    const { connectionString } = connection;
    const endpoint = /endpoint=([^;]+)/i.exec(connectionString)?.[1] ?? '';
    return new WebPubSubServiceClient(connectionString, hub, {
      allowInsecureConnection: endpoint.startsWith('http:'),
    });
  }
  const { serviceUri, managedIdentityClientId } = connection;
  const credential = new DefaultAzureCredential(
    managedIdentityClientId ? { managedIdentityClientId } : {},
  );
  return new WebPubSubServiceClient(serviceUri, credential, hub);
}

/** The service's own view of who is connected, for presence reconciliation. */
export function liveViewOf(client: WebPubSubServiceClient): LiveView {
  return {
    userExists: (userId) => client.userExists(userId),
    connectionExists: (connectionId) => client.connectionExists(connectionId),
  };
}
