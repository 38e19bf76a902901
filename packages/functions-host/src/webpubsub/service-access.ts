// One Web PubSub service as the extension sees it: endpoint, origin host and (optional) access key,
// from a connection string or an identity-based `serviceUri`, parsed like the real extension does.
import { createHmac } from 'node:crypto';

/** Expected signatures are cached per connection id; the cache is dropped when it grows this big. */
const SIGNATURE_CACHE_LIMIT = 10_000;

export class ServiceAccess {
  readonly #signatures = new Map<string, string>();

  constructor(
    /** `http(s)://host[:port]`, no trailing slash. */
    readonly endpoint: string,
    /** What `WebHook-Request-Origin` is compared with: the host name, lower-case, no port. */
    readonly host: string,
    /**
     * The key for tokens and REST calls. Undefined for identity-based connections to a remote
     * service (the offline host has no Azure credential); the emulator's well-known key for
     * identity-based connections to a local emulator.
     */
    readonly accessKey: string | undefined,
    /** Identity-based (`<name>__serviceUri`): the extension checks no signature then. */
    readonly identityBased = false,
  ) {}

  /** `sha256=<lower-case hex HMAC of the connection id>`, or undefined without a key. */
  signatureOf(connectionId: string): string | undefined {
    if (this.accessKey === undefined || this.identityBased) return undefined;
    let expected = this.#signatures.get(connectionId);
    if (expected === undefined) {
      expected = `sha256=${createHmac('sha256', this.accessKey).update(connectionId).digest('hex')}`;
      if (this.#signatures.size >= SIGNATURE_CACHE_LIMIT) this.#signatures.clear();
      this.#signatures.set(connectionId, expected);
    }
    return expected;
  }
}

/** `Endpoint=...;AccessKey=...;Port=...;Version=1.0;` — throws an Error saying what is wrong. */
export function parseConnectionString(value: string): ServiceAccess {
  const properties = new Map<string, string>();
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    if (properties.has(key)) {
      throw new Error(
        `Duplicate properties found in connection string: ${part.slice(0, eq).trim()}.`,
      );
    }
    properties.set(key, part.slice(eq + 1).trim());
  }
  const endpoint = properties.get('endpoint');
  if (!endpoint) throw new Error('Required property not found in connection string: Endpoint.');
  const url = toUrl(endpoint);
  const rawPort = properties.get('port');
  if (rawPort !== undefined) {
    const port = /^\d+$/.test(rawPort) ? Number(rawPort) : NaN;
    if (!(port > 0 && port <= 0xffff)) throw new Error(`Invalid Port value: ${rawPort}`);
    url.port = String(port);
  }
  return access(url, properties.get('accesskey') || undefined);
}

/**
 * The Web PubSub emulator's published well-known access key (packages/emulator
 * src/auth/well-known-key.ts; public, like Azurite's devstoreaccount1 key). An identity-based
 * connection to a loopback endpoint is taken to be the emulator with this key, as no Azure
 * credential exists offline; a test checks the two copies agree.
 */
export const EMULATOR_WELL_KNOWN_KEY = 'WellKnownLocalEmulatorKey.NotASecret.0123456789ABCDEF';

/**
 * An identity-based connection (`<name>__serviceUri`, with optional `__credential`,
 * `__clientId`, ... that only matter in Azure): no signature to check. Against a local emulator
 * the host calls it with the emulator's well-known key; against a remote service it has no key.
 */
export function identityAccess(serviceUri: string): ServiceAccess {
  const url = toUrl(serviceUri);
  return access(url, isLoopback(url) ? EMULATOR_WELL_KNOWN_KEY : undefined, true);
}

function access(url: URL, accessKey: string | undefined, identityBased = false): ServiceAccess {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new ServiceAccess(`${url.protocol}//${url.host}`, host, accessKey, identityBased);
}

function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function toUrl(endpoint: string): URL {
  // Like .NET's UriBuilder, a bare host name means http.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `http://${endpoint}`;
  try {
    return new URL(withScheme.replace(/\/+$/, ''));
  } catch {
    throw new Error(`Invalid Endpoint value: ${endpoint}`);
  }
}
