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
    /** Undefined for identity-based connections: signatures are then not checked. */
    readonly accessKey: string | undefined,
  ) {}

  /** `sha256=<lower-case hex HMAC of the connection id>`, or undefined without a key. */
  signatureOf(connectionId: string): string | undefined {
    if (this.accessKey === undefined) return undefined;
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

/** An identity-based connection (`<name>__serviceUri`): no key, so no signature to check. */
export function identityAccess(serviceUri: string): ServiceAccess {
  return access(toUrl(serviceUri), undefined);
}

function access(url: URL, accessKey: string | undefined): ServiceAccess {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new ServiceAccess(`${url.protocol}//${url.host}`, host, accessKey);
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
