// The `webPubSub` output binding: the function's actions, all validated first, then executed in
// order, one REST call each; the first failure fails the invocation (the rest are not run).
import type { KeyObject } from 'node:crypto';
import { createSecretKey } from 'node:crypto';

import { AzureKeyCredential, WebPubSubServiceClient } from '@azure/web-pubsub';

import type { RpcTypedData } from '../core/types';
import { bindingError, errorMessage } from '../errors';
import type { OutputWriter } from '../extension';
import type { FunctionDefinition, NamedBinding } from '../functions';
import { runAction } from './action-runner';
import type { WebPubSubAction } from './actions';
import { parseActions } from './actions';
import type { ServiceConnections } from './connections';
import { DEFAULT_CONNECTION_SETTING } from './connections';
import { fromTypedData } from './payload';

export class WebPubSubOutput implements OutputWriter {
  readonly #clients = new Map<string, WebPubSubServiceClient>();

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
    const client = this.#client(binding, fail);
    for (const action of actions) {
      try {
        await runAction(client, action);
      } catch (err) {
        throw fail(`${action.actionName} failed: ${errorMessage(err)}`, err);
      }
    }
  }

  /** One SDK client per connection setting and hub, made on first use. */
  #client(binding: NamedBinding, fail: (message: string) => Error): WebPubSubServiceClient {
    const o = binding.options;
    const setting =
      typeof o.connection === 'string' && o.connection ? o.connection : DEFAULT_CONNECTION_SETTING;
    const hub = this.connections.hub(o.hub);
    if (!hub) throw fail("no hub: set 'hub' on the binding or the WebPubSubHub app setting.");
    const key = `${setting}\u0000${hub}`;
    let client = this.#clients.get(key);
    if (client) return client;
    let access;
    try {
      access = this.connections.get(setting);
    } catch (err) {
      throw fail(errorMessage(err));
    }
    if (access.accessKey === undefined) {
      throw fail(
        `'${setting}' is an identity-based connection: the offline host has no Azure credential to call the service with. Use a connection string locally.`,
      );
    }
    // Plain-http endpoints (the local emulator) need allowInsecureConnection.
    client = new WebPubSubServiceClient(
      access.endpoint,
      new SecretKeyCredential(access.accessKey),
      hub,
      {
        allowInsecureConnection: true,
      },
    );
    this.#clients.set(key, client);
    return client;
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

/**
 * The SDK signs an HS256 token per REST call with `credential.key`. Given a string, jsonwebtoken
 * first tries (and fails) to read it as a PEM private key: ≈ 0.6 ms of CPU per call. A KeyObject of
 * the same UTF-8 bytes signs the very same token in ≈ 20 µs (the emulator's auth/tokens.ts does the
 * same). The SDK only hands `key` to jsonwebtoken, which takes a KeyObject.
 */
class SecretKeyCredential extends AzureKeyCredential {
  readonly #secret: KeyObject;

  constructor(key: string) {
    super(key);
    this.#secret = createSecretKey(Buffer.from(key, 'utf8'));
  }

  override get key(): string {
    return this.#secret as unknown as string;
  }
}
