// Matches a request to a route by raw path segments (split first, then decoded, so an encoded
// `/` in a user id stays inside its segment), authenticates it, and runs the operation.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { isValidHubName } from '@wps-local/wire';

import { verifyToken } from '../auth/tokens';
import type { EmulatorContext } from '../context';
import {
  EmulatorError,
  invalidName,
  methodNotAllowed,
  notFound,
  unauthorized,
  writeRestError,
} from '../errors';
import { RestContext } from './rest-context';
import type { Route } from './routes';
import { ROUTES } from './routes';

interface CompiledRoute extends Route {
  segments: string[];
}

const COMPILED: CompiledRoute[] = ROUTES.map((r) => ({
  ...r,
  segments: r.path.split('/').slice(1),
}));

export type RouteMatch =
  | { route: CompiledRoute; params: Record<string, string> }
  /** `allowed`: the methods the path does have (empty when no route has this path). */
  | { route: undefined; allowed: string[] };

export function matchRoute(method: string, pathname: string): RouteMatch {
  const raw = pathname.split('/').slice(1);
  if (raw.length > 1 && raw[raw.length - 1] === '') raw.pop();
  const allowed: string[] = [];
  for (const route of COMPILED) {
    const params = matchSegments(route.segments, raw);
    if (!params) continue;
    if (route.method === method) return { route, params };
    allowed.push(route.method);
  }
  return { route: undefined, allowed };
}

function matchSegments(pattern: string[], raw: string[]): Record<string, string> | undefined {
  if (pattern.length !== raw.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const r = raw[i]!;
    if (p.startsWith('{')) {
      let value: string;
      try {
        value = decodeURIComponent(r);
      } catch {
        return undefined;
      }
      params[p.slice(1, -1)] = value;
    } else if (p.toLowerCase() !== r.toLowerCase()) {
      return undefined;
    }
  }
  return params;
}

export async function handleRest(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', ctx.endpoint);
    const method = req.method ?? 'GET';
    if (/^\/client(\/|$)/i.test(url.pathname)) {
      throw new EmulatorError(
        'EMU_ERR_BAD_REQUEST',
        400,
        'The client endpoint only accepts WebSocket requests.',
      );
    }
    const match = matchRoute(method, url.pathname);
    if (!match.route) {
      if (match.allowed.length === 0) throw notFound(`No operation at ${method} ${url.pathname}.`);
      // A 405 must say which methods the resource has (RFC 9110, 15.5.6).
      res.setHeader('allow', match.allowed.join(', '));
      throw methodNotAllowed(method, url.pathname);
    }
    const { route, params } = match;
    if (params.hub !== undefined && !isValidHubName(params.hub))
      throw invalidName('hub', params.hub);
    if (!route.anonymous) authenticate(ctx, req, url);
    await route.handler(new RestContext(ctx, req, res, url, params));
  } catch (err) {
    writeRestError(res, err);
  }
}

export function authenticate(ctx: EmulatorContext, req: IncomingMessage, url: URL): void {
  const auth = req.headers.authorization;
  if (!auth || !/^bearer\s+/i.test(auth))
    throw unauthorized('An Authorization: Bearer token is required.');
  verifyToken(
    auth.replace(/^bearer\s+/i, ''),
    ctx.accessKey,
    url.pathname,
    ctx.origin,
    req.headers.host,
  );
}
