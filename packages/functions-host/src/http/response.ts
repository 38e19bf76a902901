// Writes the library's RpcHttp response (status, headers, cookies, body bytes) to the socket.
import type { ServerResponse } from 'node:http';

import type { RpcHttpCookie, RpcHttpData, RpcTypedData } from '../core/types';

export function writeRpcHttp(res: ServerResponse, http: RpcHttpData): void {
  const status = Number(http.statusCode ?? 200);
  for (const [name, value] of Object.entries(http.headers ?? {})) res.setHeader(name, value);
  const cookies = (http.cookies ?? []).map(formatCookie);
  if (cookies.length) res.setHeader('set-cookie', cookies);
  const body = bodyBytes(http.body);
  res.statusCode = Number.isInteger(status) && status >= 100 && status <= 999 ? status : 500;
  res.end(body);
}

function bodyBytes(body: RpcTypedData | null | undefined): Buffer | string | undefined {
  if (!body) return undefined;
  if (body.bytes)
    return Buffer.from(body.bytes.buffer, body.bytes.byteOffset, body.bytes.byteLength);
  if (body.string != null) return body.string;
  if (body.json != null) return body.json;
  return undefined;
}

/**
 * One `Set-Cookie` value as the host writes it: azure-functions-host's RpcHttpCookieConverter fills
 * an ASP.NET Core CookieOptions (whose path defaults to `/`), and ResponseCookies.Append percent-
 * encodes the value (Uri.EscapeDataString) and formats it with SetCookieHeaderValue, attributes
 * in its order: expires, max-age, domain, path, secure, samesite, httponly.
 */
export function formatCookie(c: RpcHttpCookie): string {
  const parts = [`${c.name ?? ''}=${escapeDataString(c.value ?? '')}`];
  const seconds = c.expires?.value?.seconds;
  if (seconds != null) parts.push(`expires=${new Date(Number(seconds) * 1000).toUTCString()}`);
  if (c.maxAge?.value != null) parts.push(`max-age=${Math.trunc(Number(c.maxAge.value))}`);
  if (c.domain?.value) parts.push(`domain=${c.domain.value}`);
  parts.push(`path=${c.path?.value || '/'}`);
  if (c.secure?.value) parts.push('secure');
  if (c.sameSite === 'lax' || c.sameSite === 'strict') parts.push(`samesite=${c.sameSite}`);
  else if (c.sameSite === 'explicitNone') parts.push('samesite=none');
  if (c.httpOnly?.value) parts.push('httponly');
  return parts.join('; ');
}

/** .NET's Uri.EscapeDataString: everything but RFC 3986 unreserved characters, upper-case hex. */
function escapeDataString(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
