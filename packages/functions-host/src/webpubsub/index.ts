// The Web PubSub extension: the `/runtime/webhooks/webpubsub` endpoint with its triggers, the
// `webPubSubConnection` and `webPubSubContext` inputs and the `webPubSub` output, like the
// Functions extension Microsoft.Azure.WebJobs.Extensions.WebPubSub does them.
import type { ExtensionFactory } from '../extension';
import { WebPubSubConnectionInput } from './connection-input';
import { ServiceConnections } from './connections';
import { WebPubSubContextInput } from './context-input';
import { WebPubSubOutput } from './output-binding';
import { WebPubSubTriggers } from './triggers';
import { WEBHOOK_PATH, webhookEndpoint } from './webhook';

export const webPubSubExtension: ExtensionFactory = (host) => {
  const connections = new ServiceConnections(host.env);
  const webhookUrl = () => `${host.url()}${WEBHOOK_PATH}`;
  const triggers = new WebPubSubTriggers(connections, webhookUrl);
  return {
    name: 'webpubsub',
    triggers: { webpubsubtrigger: triggers },
    inputs: {
      webpubsubconnection: new WebPubSubConnectionInput(connections),
      webpubsubcontext: new WebPubSubContextInput(connections),
    },
    outputs: { webpubsub: new WebPubSubOutput(connections) },
    endpoints: [webhookEndpoint(host, triggers)],
    start() {
      if (triggers.size > 0)
        host.logger.info(`Registered Web PubSub negotiate Endpoint = ${webhookUrl()}`);
    },
  };
};
