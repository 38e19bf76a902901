// Abuse-protection and signature checks for one trigger's connections, as the extension's
// RequestValidator (Microsoft.Azure.WebJobs.Extensions.WebPubSub src/Config/RequestValidator.cs)
// does them: origins must be a configured endpoint's host, and one of the comma-separated
// signatures the HMAC of the connection id with that endpoint's key (the service sends one per
// access key, so a rotated key keeps working). No configured connection means no restriction.
import { configError } from '../errors';
import type { ServiceConnections } from './connections';
import { DEFAULT_CONNECTION_SETTING } from './connections';
import type { ServiceAccess } from './service-access';

export class RequestValidator {
  #allowed: Map<string, ServiceAccess> | undefined;

  /** `names` undefined: the default setting, which may be absent (then nothing is checked). */
  constructor(
    private readonly connections: ServiceConnections,
    private readonly names: readonly string[] | undefined,
  ) {}

  /** Throws a HostError when a named setting is missing or invalid. */
  isValidHost(hosts: readonly string[]): boolean {
    const allowed = this.#hosts();
    return allowed.size === 0 || hosts.some((h) => allowed.has(h));
  }

  /** Throws a HostError when a named setting is missing or invalid. */
  isValidSignature(origin: string, signature: string | null, connectionId: string): boolean {
    const allowed = this.#hosts();
    if (allowed.size === 0) return true;
    for (const host of headerList(origin)) {
      const access = allowed.get(host);
      if (!access) continue;
      const expected = access.signatureOf(connectionId);
      // Identity-based connections have no key to check against.
      if (expected === undefined) return true;
      return headerList(signature ?? '').some((s) => s.toLowerCase() === expected);
    }
    return false;
  }

  #hosts(): Map<string, ServiceAccess> {
    if (this.#allowed) return this.#allowed;
    const accesses = this.names
      ? this.names.map((name) => this.connections.get(name))
      : [this.connections.find(DEFAULT_CONNECTION_SETTING)];
    const allowed = new Map<string, ServiceAccess>();
    for (const access of accesses) {
      if (!access) continue;
      // The extension refuses two connections to one host (Config/RequestValidator.cs): key
      // rotation needs none, as the service signs with both of its keys.
      if (allowed.has(access.host)) {
        throw configError(`Duplicate host '${access.host}' found in accesses.`);
      }
      allowed.set(access.host, access);
    }
    this.#allowed = allowed;
    return allowed;
  }
}

/** Header values the extension splits on commas and spaces. */
export function headerList(value: string): string[] {
  if (!value.includes(',') && !value.includes(' ')) return value === '' ? [] : [value];
  return value.split(/[, ]+/).filter((v) => v !== '');
}
