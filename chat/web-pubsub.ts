// The Web PubSub service client the app uses for what output bindings cannot do (filters, closing a
// user's connections, existence checks): a connection string locally, managed identity in Azure.
import { DefaultAzureCredential } from '@azure/identity';
import { WebPubSubServiceClient } from '@azure/web-pubsub';

export function createServiceClient(
  env: NodeJS.ProcessEnv,
  connectionSetting: string,
  hub: string,
): WebPubSubServiceClient {
  const connectionString = env[connectionSetting];
  if (connectionString) {
    const endpoint = /endpoint=([^;]+)/i.exec(connectionString)?.[1] ?? '';
    return new WebPubSubServiceClient(connectionString, hub, {
      allowInsecureConnection: endpoint.startsWith('http:'),
    });
  }
  const serviceUri = env[`${connectionSetting}__serviceUri`];
  if (!serviceUri) {
    throw new Error(
      `Set ${connectionSetting} (a connection string) or ${connectionSetting}__serviceUri (managed identity).`,
    );
  }
  const clientId = env[`${connectionSetting}__clientId`];
  const credential = new DefaultAzureCredential(
    clientId ? { managedIdentityClientId: clientId } : {},
  );
  return new WebPubSubServiceClient(serviceUri, credential, hub);
}
