// The server publish API through the service client: text or JSON to everyone, a group, a user or a
// connection, with `excluded` connections and an OData `filter` as the service supports them.
import type { WebPubSubServiceClient } from '@azure/web-pubsub';

import type { PublishRequest } from '../../chat-contract/server-api';

interface SendOptions {
  excludedConnections?: string[];
  filter?: string;
}

export async function publish(client: WebPubSubServiceClient, p: PublishRequest): Promise<void> {
  const options: SendOptions = {
    ...(p.excluded ? { excludedConnections: p.excluded } : {}),
    ...(p.filter ? { filter: p.filter } : {}),
  };
  const { to, message } = p;
  if (message.kind === 'text') {
    const textOptions = { ...options, contentType: 'text/plain' as const };
    if ('all' in to) await client.sendToAll(message.text, textOptions);
    else if ('group' in to) await client.group(to.group).sendToAll(message.text, textOptions);
    else if ('user' in to) await client.sendToUser(to.user, message.text, textOptions);
    else await client.sendToConnection(to.connection, message.text, { contentType: 'text/plain' });
    return;
  }
  if ('all' in to) await client.sendToAll(message.json, options);
  else if ('group' in to) await client.group(to.group).sendToAll(message.json, options);
  else if ('user' in to) await client.sendToUser(to.user, message.json, options);
  // The service has no `excluded` or `filter` for one connection.
  else await client.sendToConnection(to.connection, message.json);
}
