// The extensions the host loads besides HTTP, like the real host's extension bundle; and the local
// sign-in, which stands in for App Service Authentication when the settings turn it on.
import { localAuthExtension } from './auth';
import type { ExtensionFactory } from './extension';
import { storageExtension } from './storage';
import { timerExtension } from './timer';
import { webPubSubExtension } from './webpubsub';

export const DEFAULT_EXTENSIONS: ExtensionFactory[] = [
  localAuthExtension,
  webPubSubExtension,
  storageExtension,
  timerExtension,
];

/** System keys the host creates for extension webhooks (`/runtime/webhooks/<name>?code=`). */
export const SYSTEM_KEY_NAMES = ['webpubsub_extension'];
