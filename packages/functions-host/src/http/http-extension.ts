// HTTP triggers: routes under host.json's `extensions.http.routePrefix`, methods, auth levels with
// the host keys, and the v4 library's response shape written back as it built it.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { configError, HostError } from '../errors';
import type { ExtensionFactory, HostServices, TriggerBinder } from '../extension';
import type { FunctionDefinition } from '../functions';
import type { AuthLevel } from '../keys';
import { headersOf, httpBindingData, readBody, toRpcHttp } from './request';
import { writeRpcHttp } from './response';
import type { CompiledRoute } from './route-template';
import { comparePrecedence, compileRoute } from './route-template';

interface HttpRoute {
  fn: FunctionDefinition;
  route: CompiledRoute;
  methods: Set<string> | undefined;
  authLevel: AuthLevel;
}

const AUTH_LEVELS: readonly AuthLevel[] = ['anonymous', 'function', 'admin'];

export const httpExtension: ExtensionFactory = (host) => {
  const prefix = (host.config.hostJson.extensions?.http?.routePrefix ?? 'api').replace(
    /^\/+|\/+$/g,
    '',
  );
  const prefixSegments = prefix ? prefix.split('/') : [];
  const routes: HttpRoute[] = [];

  const trigger: TriggerBinder = {
    bind(fn) {
      const o = fn.trigger.options;
      const template = typeof o.route === 'string' ? o.route : fn.name;
      let route: CompiledRoute;
      try {
        route = compileRoute(template);
      } catch (err) {
        throw configError(`Function '${fn.name}': ${(err as Error).message}`);
      }
      const level = (
        typeof o.authLevel === 'string' ? o.authLevel : 'function'
      ).toLowerCase() as AuthLevel;
      if (!AUTH_LEVELS.includes(level)) {
        throw configError(
          `Function '${fn.name}': authLevel '${level}' is not anonymous, function or admin.`,
        );
      }
      const methods =
        Array.isArray(o.methods) && o.methods.length
          ? new Set(o.methods.map((m) => String(m).toUpperCase()))
          : undefined;
      routes.push({ fn, route, methods, authLevel: level });
      routes.sort((a, b) => comparePrecedence(a.route, b.route));
    },
    describe(fn) {
      const r = routes.find((x) => x.fn === fn);
      const methods = r?.methods
        ? [...r.methods].join(',')
        : 'GET,POST,PUT,DELETE,PATCH,HEAD,OPTIONS';
      const path = [prefix, r?.route.template ?? ''].filter(Boolean).join('/');
      return `[${methods}] ${host.url()}/${path}`;
    },
  };

  return {
    name: 'http',
    triggers: { httptrigger: trigger },
    endpoints: [{ handle: (req, res, url) => handle(host, prefixSegments, routes, req, res, url) }],
  };
};

async function handle(
  host: HostServices,
  prefixSegments: string[],
  routes: HttpRoute[],
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const segments = url.pathname
    .split('/')
    .filter((s) => s !== '')
    .map(safeDecode);
  for (let i = 0; i < prefixSegments.length; i++) {
    if (segments[i]?.toLowerCase() !== prefixSegments[i]?.toLowerCase()) return false;
  }
  const rest = segments.slice(prefixSegments.length);
  const method = req.method ?? 'GET';
  let matched: { route: HttpRoute; params: Record<string, string> } | undefined;
  for (const route of routes) {
    if (route.methods && !route.methods.has(method)) continue;
    const m = route.route.match(rest);
    if (m) {
      matched = { route, params: m.params };
      break;
    }
  }
  if (!matched) return false;
  const { route, params } = matched;
  const key = url.searchParams.get('code') ?? headerValue(req, 'x-functions-key');
  if (!host.keys.allows(route.authLevel, key)) {
    res.statusCode = 401;
    res.end();
    host.logger.warn(
      `HTTP ${req.method ?? ''} ${url.pathname} (Functions.${route.fn.name}): refused with 401, the ${route.authLevel} key is ${key ? 'wrong' : 'missing'}`,
    );
    return true;
  }
  const body = await readBody(req);
  if (body === 'too-large') {
    res.statusCode = 413;
    res.end();
    return true;
  }
  const headers = headersOf(req);
  const rpc = toRpcHttp(req, url, headers, params, body);
  try {
    const result = await host.invoker.invoke(route.fn, {
      data: { http: rpc },
      bindingData: httpBindingData(rpc, body),
    });
    const http = result.returnValue?.http;
    if (http) writeRpcHttp(res, http);
    else {
      res.statusCode = 204;
      res.end();
    }
    // The function succeeded, but the caller was refused: say so rather than only "Succeeded".
    if (res.statusCode >= 400 && host.logger.enabled('warn')) {
      host.logger.warn(
        `HTTP ${req.method ?? ''} ${url.pathname} (Functions.${route.fn.name}): answered ${res.statusCode}`,
      );
    }
  } catch (err) {
    // The real host answers a failed HTTP function with a bare 500; the details are in the log.
    res.statusCode = err instanceof HostError ? err.status : 500;
    res.end();
  }
  return true;
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
