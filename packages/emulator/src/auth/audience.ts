// Audience checks for client and REST tokens. Clients and servers may reach the emulator as
// localhost, 127.0.0.1 or [::1]; those spellings of loopback count as the same host.

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export interface KnownOrigin {
  /** Host names (lower case, no port) the emulator answers to. */
  hosts: ReadonlySet<string>;
  port: number;
}

/** True when `aud` names this emulator and, ignoring case and query, the path `expectedPath`. */
export function audienceMatches(
  aud: unknown,
  expectedPath: string,
  origin: KnownOrigin,
  requestHost: string | undefined,
): boolean {
  const candidates = Array.isArray(aud) ? aud : [aud];
  return candidates.some(
    (a) => typeof a === 'string' && matchesOne(a, expectedPath, origin, requestHost),
  );
}

function matchesOne(
  aud: string,
  expectedPath: string,
  origin: KnownOrigin,
  requestHost: string | undefined,
): boolean {
  let url: URL;
  try {
    url = new URL(aud);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (!hostMatches(url, origin, requestHost)) return false;
  return samePath(url.pathname, expectedPath);
}

function hostMatches(url: URL, origin: KnownOrigin, requestHost: string | undefined): boolean {
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const host = url.hostname.toLowerCase();
  if (requestHost && url.host.toLowerCase() === requestHost.toLowerCase()) return true;
  if (port !== origin.port) return false;
  if (origin.hosts.has(host)) return true;
  return LOOPBACK.has(host) && [...origin.hosts].some((h) => LOOPBACK.has(h));
}

function samePath(actual: string, expected: string): boolean {
  const norm = (p: string) => safeDecode(p).replace(/\/+$/, '').toLowerCase();
  return norm(actual) === norm(expected);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
