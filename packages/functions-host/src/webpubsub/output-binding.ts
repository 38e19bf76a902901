// The `webPubSub` output binding: the function's actions, all validated first, then executed in
// order, one REST call each; the first failure fails the invocation (the rest are not run).
import type { RpcTypedData } from '../core/types';
import { bindingError, errorMessage } from '../errors';
import type { OutputWriter } from '../extension';
import type { FunctionDefinition, NamedBinding } from '../functions';
import type { WebPubSubAction } from './actions';
import { parseActions } from './actions';
import type { ServiceConnections } from './connections';
import { DEFAULT_CONNECTION_SETTING } from './connections';
import { fromTypedData } from './payload';
import { ServiceClient } from './service-client';
import { actionRequest } from './service-requests';

export class WebPubSubOutput implements OutputWriter {
  readonly #clients = new Map<string, ServiceClient>();

  constructor(private readonly connections: ServiceConnections) {}

  async write(fn: FunctionDefinition, binding: NamedBinding, value: RpcTypedData): Promise<void> {
    const fail = (message: string, cause?: unknown) =>
      bindingError(fn.name, binding.name, message, cause);
    let actions: WebPubSubAction[];
    try {
      actions = parseActions(actionValue(value));
    } catch (err) {
      throw fail(errorMessage(err));
    }
    const { client, hub } = this.#target(binding, fail);
    for (const action of actions) {
      try {
        await client.call(actionRequest(hub, action));
      } catch (err) {
        throw fail(`${action.actionName} failed: ${errorMessage(err)}`, err);
      }
    }
  }

  /** The hub, and one REST client per connection setting, made on first use. */
  #target(
    binding: NamedBinding,
    fail: (message: string) => Error,
  ): { client: ServiceClient; hub: string } {
    const o = binding.options;
    const setting =
      typeof o.connection === 'string' && o.connection ? o.connection : DEFAULT_CONNECTION_SETTING;
    const hub = this.connections.hub(o.hub);
    if (!hub) throw fail("no hub: set 'hub' on the binding or the WebPubSubHub app setting.");
    let client = this.#clients.get(setting);
    if (client) return { client, hub };
    let access;
    try {
      access = this.connections.get(setting);
    } catch (err) {
      throw fail(errorMessage(err));
    }
    if (access.accessKey === undefined) {
      throw fail(
        `'${setting}' is an identity-based connection to a remote service: the offline host has no Azure credential to call it with. Point its serviceUri at the local emulator, or use a connection string locally.`,
      );
    }
    client = new ServiceClient(access.endpoint, access.accessKey);
    this.#clients.set(setting, client);
    return { client, hub };
  }
}

/** The binding's value as the extension converts it: JSON (object or array), or JSON text. */
function actionValue(value: RpcTypedData): unknown {
  const { fromJson, value: v } = fromTypedData(value);
  if (fromJson) return v;
  if (typeof v === 'string') {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      // Reported below as not an action.
    }
  }
  throw new Error('The webPubSub output must be an action object or an array of actions.');
}
