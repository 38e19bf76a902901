// App settings → services, resolved on first use and cached: a connection string in `<name>`, or
// an identity-based `<name>__serviceUri`. Start-up never fails for a missing setting (other apps
// and tests run without one); the binding that needs it fails instead, with the setting's name.
import { configError } from '../errors';
import type { ServiceAccess } from './service-access';
import { identityAccess, parseConnectionString } from './service-access';

export const DEFAULT_CONNECTION_SETTING = 'WebPubSubConnectionString';
export const HUB_SETTING = 'WebPubSubHub';

export class ServiceConnections {
  readonly #cache = new Map<string, ServiceAccess | Error | null>();

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** The service a setting names, or undefined when the setting is not there at all. */
  find(setting: string): ServiceAccess | undefined {
    let entry = this.#cache.get(setting);
    if (entry === undefined) {
      entry = this.#read(setting);
      this.#cache.set(setting, entry);
    }
    if (entry instanceof Error) throw entry;
    return entry ?? undefined;
  }

  /** Like `find`, but a missing setting is an error. */
  get(setting: string): ServiceAccess {
    const access = this.find(setting);
    if (!access) {
      throw configError(
        `The Web PubSub connection setting '${setting}' is not set: add it (a connection string, ` +
          `or '${setting}__serviceUri' for an identity-based connection) to local.settings.json Values or the environment.`,
      );
    }
    return access;
  }

  /** The binding's `hub`, else the `WebPubSubHub` setting. */
  hub(bindingHub: unknown): string | undefined {
    if (typeof bindingHub === 'string' && bindingHub !== '') return bindingHub;
    return this.env[HUB_SETTING] || undefined;
  }

  #read(setting: string): ServiceAccess | Error | null {
    const value = this.env[setting];
    const serviceUri = this.env[`${setting}__serviceUri`];
    try {
      if (value) return parseConnectionString(value);
      if (serviceUri) return identityAccess(serviceUri);
      return null;
    } catch (err) {
      return configError(
        `The Web PubSub connection setting '${setting}' is invalid: ${(err as Error).message}`,
      );
    }
  }
}

/** A binding's setting names: `connections` (trigger, context) or `connection` (the others). */
export function settingNames(options: Record<string, unknown>): string[] | undefined {
  const { connections, connection } = options;
  if (Array.isArray(connections) && connections.length > 0) return connections.map(String);
  if (typeof connection === 'string' && connection !== '') return [connection];
  return undefined;
}
