// The postdeploy logic: wait for the `webpubsub_extension` system key (it exists only once the
// deployed code has started), then put it in the `code` of the hub's event handler that points at
// the app's webhook. Bicep owns the handler and its events; this only adds the key. Idempotent.
import { azureErrorKind, explain, HookError } from './azure-errors';
import type { DeploymentOutputs } from './outputs';

export const WEBHOOK_PATH = '/runtime/webhooks/webpubsub';
export const EXTENSION_KEY = 'webpubsub_extension';

export interface EventHandler {
  urlTemplate: string;
  [key: string]: unknown;
}
export interface Hub {
  properties?: { eventHandlers?: EventHandler[]; [key: string]: unknown };
}

/** The Azure calls the hook makes, injected so the logic can be tested without Azure. */
export interface WireClients {
  listHostKeys(
    resourceGroup: string,
    app: string,
  ): Promise<{ systemKeys?: Record<string, string> }>;
  getHub(resourceGroup: string, webPubSub: string, hub: string): Promise<Hub>;
  putHub(resourceGroup: string, webPubSub: string, hub: string, value: Hub): Promise<void>;
  /** Wakes the app so its host starts and creates the key (a plain GET of the site). */
  poke(hostName: string): Promise<void>;
  sleep(ms: number): Promise<void>;
  log(line: string): void;
}

export interface WireOptions {
  attempts?: number;
  delayMs?: number;
}

export async function waitForKey(
  o: DeploymentOutputs,
  c: WireClients,
  opts: WireOptions = {},
): Promise<string> {
  const attempts = opts.attempts ?? 30;
  for (let i = 1; i <= attempts; i++) {
    try {
      const key = (await c.listHostKeys(o.AZURE_RESOURCE_GROUP, o.AZURE_FUNCTION_APP_NAME))
        .systemKeys?.[EXTENSION_KEY];
      if (key) return key;
      c.log(
        `The ${EXTENSION_KEY} key does not exist yet (attempt ${i}/${attempts}): waiting for the host to start.`,
      );
    } catch (err) {
      if (azureErrorKind(err) !== 'transient') {
        throw explain(
          err,
          `read the host keys of ${o.AZURE_FUNCTION_APP_NAME}`,
          'Microsoft.Web/sites/host/listkeys/action',
        );
      }
      c.log(`Reading host keys failed (attempt ${i}/${attempts}): ${(err as Error).message}`);
    }
    if (i < attempts) {
      await c.poke(o.FUNCTION_APP_HOSTNAME).catch(() => undefined);
      await c.sleep(opts.delayMs ?? 10_000);
    }
  }
  throw new HookError(
    `The ${EXTENSION_KEY} system key did not appear on ${o.AZURE_FUNCTION_APP_NAME} after ${attempts} attempts. ` +
      "It is created when the deployed app starts with working storage access: check that `azd deploy` succeeded and the app's logs.",
  );
}

export type WireResult = 'updated' | 'unchanged';

export async function wireWebhook(
  o: DeploymentOutputs,
  c: WireClients,
  opts: WireOptions = {},
): Promise<WireResult> {
  const key = await waitForKey(o, c, opts);
  const [rg, wps, hubName] = [o.AZURE_RESOURCE_GROUP, o.WEBPUBSUB_NAME, o.WEBPUBSUB_HUB];
  const hub = await c.getHub(rg, wps, hubName).catch((err: unknown) => {
    throw explain(
      err,
      `read the hub ${hubName} of ${wps}`,
      'Microsoft.SignalRService/webPubSub/hubs/read',
    );
  });
  const handlers = hub.properties?.eventHandlers ?? [];
  const ours = (h: EventHandler) => isAppWebhook(h.urlTemplate, o.FUNCTION_APP_HOSTNAME);
  if (!handlers.some(ours)) {
    throw new HookError(
      `The hub ${hubName} has no event handler for https://${o.FUNCTION_APP_HOSTNAME}${WEBHOOK_PATH}. ` +
        'Bicep owns the handler and its events: run `azd provision`, then this hook again.',
    );
  }
  if (handlers.filter(ours).every((h) => codeOf(h.urlTemplate) === key)) {
    c.log(`The hub ${hubName} already calls the app with its current key: nothing to do.`);
    return 'unchanged';
  }
  const updated = handlers.map((h) =>
    ours(h) ? { ...h, urlTemplate: withCode(h.urlTemplate, key) } : h,
  );
  await c
    .putHub(rg, wps, hubName, { ...hub, properties: { ...hub.properties, eventHandlers: updated } })
    .catch((err: unknown) => {
      throw explain(
        err,
        `update the hub ${hubName} of ${wps}`,
        'Microsoft.SignalRService/webPubSub/hubs/write',
      );
    });
  c.log(
    `The hub ${hubName} now calls https://${o.FUNCTION_APP_HOSTNAME}${WEBHOOK_PATH} with the ${EXTENSION_KEY} key.`,
  );
  return 'updated';
}

export function isAppWebhook(urlTemplate: string, hostName: string): boolean {
  const [base = ''] = urlTemplate.split('?');
  return (
    base.replace(/\/+$/, '').toLowerCase() === `https://${hostName}${WEBHOOK_PATH}`.toLowerCase()
  );
}

export function codeOf(urlTemplate: string): string | null {
  const at = urlTemplate.indexOf('?');
  return at < 0 ? null : new URLSearchParams(urlTemplate.slice(at + 1)).get('code');
}

/**
 * The template with `code=<key>` (replacing any older key; other parameters kept as written).
 * Encoded as Bicep's `uriComponent()` does: keys are base64, and a raw `+` would arrive as a space.
 */
export function withCode(urlTemplate: string, key: string): string {
  const at = urlTemplate.indexOf('?');
  const base = at < 0 ? urlTemplate : urlTemplate.slice(0, at);
  const rest = at < 0 ? [] : urlTemplate.slice(at + 1).split('&');
  const kept = rest.filter((p) => p !== '' && !p.startsWith('code='));
  return `${base}?${[...kept, `code=${encodeURIComponent(key)}`].join('&')}`;
}
