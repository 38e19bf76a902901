// Everything the stack will start, decided before anything starts: ports, settings, hub config.
import type { AppSettings } from './app-settings';
import type { StorageEndpoints } from './connection-strings';
import {
  emulatorAccessKey,
  storageConnectionString,
  storageEndpoints,
  webPubSubConnectionString,
} from './connection-strings';
import type { StackOptions } from './options';
import type { PortClaim } from './ports';

/** The Web PubSub extension's webhook on the Functions host (offline host and func alike). */
export const WEBHOOK_PATH = '/runtime/webhooks/webpubsub';

export interface StackPlan {
  hub: string;
  routePrefix: string;
  ports: PortClaim[];
  accessKey: string;
  /** App settings that win over local.settings.json: environment variables of the host or func. */
  settings: Record<string, string>;
  /** The emulator's `--config`: the app's hub sends every event to the host's webhook. */
  emulatorConfig: { hubs: Record<string, { eventHandlers: EventHandler[] }> };
  urls: {
    web: string;
    /** Base of the HTTP functions: `/<routePrefix>/` (just `/` when host.json says ""). */
    api: string;
    emulator: string;
    webhook: string;
    storage: StorageEndpoints;
  };
}

interface EventHandler {
  urlTemplate: string;
  userEventPattern: string;
  systemEvents: string[];
}

export function planStack(
  o: StackOptions,
  app: AppSettings,
  env: NodeJS.ProcessEnv = process.env,
): StackPlan {
  const hostName = o.func ? 'Functions host (func start)' : 'offline Functions host';
  const ports: PortClaim[] = [
    { port: o.storagePort, what: 'Azurite blob', flag: '--storage-port' },
    { port: o.storagePort + 1, what: 'Azurite queue, --storage-port + 1', flag: '--storage-port' },
    { port: o.storagePort + 2, what: 'Azurite table, --storage-port + 2', flag: '--storage-port' },
    { port: o.emulatorPort, what: 'Web PubSub emulator', flag: '--emulator-port' },
    { port: o.port, what: hostName, flag: '--port' },
  ];
  const accessKey = emulatorAccessKey(env);
  const hostUrl = `http://localhost:${o.port}`;
  const webhook = `${hostUrl}${WEBHOOK_PATH}`;
  const handler = {
    urlTemplate: webhook,
    userEventPattern: '*',
    systemEvents: ['connect', 'connected', 'disconnected'],
  };
  return {
    hub: app.hub,
    routePrefix: app.routePrefix,
    ports,
    accessKey,
    settings: {
      WebPubSubConnectionString: webPubSubConnectionString(o.emulatorPort, accessKey),
      AzureWebJobsStorage: storageConnectionString(o.storagePort),
    },
    emulatorConfig: { hubs: { [app.hub]: { eventHandlers: [handler] } } },
    urls: {
      web: `${hostUrl}/`,
      api: app.routePrefix ? `${hostUrl}/${app.routePrefix}/` : `${hostUrl}/`,
      emulator: `http://localhost:${o.emulatorPort}`,
      webhook,
      storage: storageEndpoints(o.storagePort),
    },
  };
}
