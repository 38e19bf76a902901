// An incoming request as the host hands it to the Node worker (RpcHttp): absolute URL, lower-cased
// headers, query, route params, body bytes. Also the binding data `{query.x}`/`{headers.x}` use.
import type { IncomingMessage } from 'node:http';

import type { BindingData } from '../binding-expressions';
import type { RpcHttpData } from '../core/types';

/** The real host's default request size limit (100 MB). */
export const MAX_REQUEST_BYTES = 100 * 1024 * 1024;

export function readBody(
  req: IncomingMessage,
  limit = MAX_REQUEST_BYTES,
): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () =>
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)),
    );
    req.once('error', reject);
  });
}

/**
 * Request headers as the host hands them to the worker (azure-functions-host ToRpcHttp): names
 * lower-cased, a repeated header's values joined by StringValues.ToString(), that is with ","
 * and every line kept (Node's `req.headers` joins with ", " and drops repeats of some headers).
 */
export function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    const seen = headers[name];
    headers[name] = seen === undefined ? value : `${seen},${value}`;
  }
  return headers;
}

export function queryOf(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  return query;
}

export function toRpcHttp(
  req: IncomingMessage,
  url: URL,
  headers: Record<string, string>,
  params: Record<string, string>,
  body: Buffer,
): RpcHttpData {
  return {
    method: req.method ?? 'GET',
    url: url.href,
    headers,
    query: queryOf(url),
    params,
    ...(body.length > 0 ? { body: { bytes: body } } : {}),
  };
}

/** `{query.x}`, `{headers.x}`, route params, and the top-level properties of a JSON body. */
export function httpBindingData(rpc: RpcHttpData, body: Buffer): BindingData {
  let json: Record<string, unknown> = {};
  // Only an object body has properties to bind; skip parsing (and its exception) for anything else.
  if (body.length > 0 && body[0] === 0x7b && /json/i.test(rpc.headers?.['content-type'] ?? '')) {
    try {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        json = parsed as Record<string, unknown>;
    } catch {
      // Not JSON after all: the function decides what to do with it.
    }
  }
  return {
    ...json,
    ...rpc.params,
    query: rpc.query ?? {},
    headers: rpc.headers ?? {},
    method: rpc.method,
  };
}
