// The Web PubSub extension: webhook, trigger, input and output bindings. (Being built.)
import type { ExtensionFactory } from '../extension';

export const webPubSubExtension: ExtensionFactory = () => ({ name: 'webpubsub' });
