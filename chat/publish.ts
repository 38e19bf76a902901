// The server publish API: one request body shape for sending to everyone, a group, a user or a
// connection, with `excluded` connections and an OData `filter` as the service supports them.
import type { WebPubSubServiceClient } from '@azure/web-pubsub';
import { z } from 'zod';

export const publishSchema = z.strictObject({
  to: z.union([
    z.strictObject({ all: z.literal(true) }),
    z.strictObject({ group: z.string().min(1).max(1024) }),
    z.strictObject({ user: z.string().min(1).max(1024) }),
    z.strictObject({ connection: z.string().min(1).max(1024) }),
  ]),
  data: z.json(),
  dataType: z.enum(['json', 'text']).default('json'),
  excluded: z.array(z.string().min(1)).max(100).optional(),
  filter: z.string().min(1).max(1024).optional(),
});
export type PublishRequest = z.infer<typeof publishSchema>;

export async function publish(client: WebPubSubServiceClient, p: PublishRequest): Promise<void> {
  const text = p.dataType === 'text';
  if (text && typeof p.data !== 'string')
    throw new TypeError('dataType "text" needs a string data');
  const message = p.data as string | Record<string, unknown>;
  const options = {
    ...(text ? { contentType: 'text/plain' as const } : {}),
    ...(p.excluded ? { excludedConnections: p.excluded } : {}),
    ...(p.filter ? { filter: p.filter } : {}),
  };
  const to = p.to;
  if ('all' in to)
    await client.sendToAll(message as string, options as { contentType: 'text/plain' });
  else if ('group' in to)
    await client
      .group(to.group)
      .sendToAll(message as string, options as { contentType: 'text/plain' });
  else if ('user' in to)
    await client.sendToUser(to.user, message as string, options as { contentType: 'text/plain' });
  else
    await client.sendToConnection(
      to.connection,
      message as string,
      options as { contentType: 'text/plain' },
    );
}
