// `GET /admin/functions[/{name}]`: the registered functions with their bindings as the app declared
// them (`%Setting%` unresolved), in the shape of the Functions host's admin API
// (FunctionMetadataResponse: name, href, language, isDisabled, config.bindings). Master key only,
// as every `/admin` route. The stack reads it to configure the emulator's hubs from the app itself.
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { HostServices, HttpEndpoint } from '../extension';
import type { FunctionDefinition } from '../functions';

export interface AdminFunction {
  name: string;
  href: string;
  language: 'node';
  isDisabled: false;
  config: { bindings: Record<string, unknown>[] };
}

const PREFIX = '/admin/functions';

export function adminFunctionsEndpoint(
  host: HostServices,
  functions: () => readonly FunctionDefinition[],
): HttpEndpoint {
  return {
    handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
      const path = url.pathname.replace(/\/+$/, '');
      const lower = path.toLowerCase();
      if (lower !== PREFIX && !lower.startsWith(`${PREFIX}/`)) return false;
      if (!host.keys.allows('admin', presentedKey(req, url))) return reply(res, 401);
      if (req.method !== 'GET') return reply(res, 405);
      const all = functions().map((fn) => describe(fn, host.url()));
      if (lower === PREFIX) return reply(res, 200, all);
      const name = decodeURIComponent(path.slice(PREFIX.length + 1)).toLowerCase();
      const one = all.find((f) => f.name.toLowerCase() === name);
      return one ? reply(res, 200, one) : reply(res, 404);
    },
  };
}

function describe(fn: FunctionDefinition, baseUrl: string): AdminFunction {
  return {
    name: fn.name,
    href: `${baseUrl}${PREFIX}/${encodeURIComponent(fn.name)}`,
    language: 'node',
    isDisabled: false,
    config: {
      bindings: Object.entries(fn.metadata.bindings).map(([name, b]) => ({ name, ...b })),
    },
  };
}

/** A key from `?code=` or the `x-functions-key` header, as the host reads keys on every route. */
export function presentedKey(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers['x-functions-key'];
  return url.searchParams.get('code') ?? (Array.isArray(header) ? header[0] : header);
}

function reply(res: ServerResponse, status: number, body?: unknown): true {
  res.statusCode = status;
  if (body === undefined) res.end();
  else {
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(body));
  }
  return true;
}
