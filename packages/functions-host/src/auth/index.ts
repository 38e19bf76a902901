// Local sign-in: the offline host's stand-in for App Service Authentication, in the manner of the
// Static Web Apps CLI. In front of every endpoint it answers `/.auth/login/<provider>`,
// `/.auth/logout` and `/.auth/me`, and gives every other request the signed-in user's
// `x-ms-client-principal*` headers (after dropping the client's own). The app cannot tell it from
// App Service. Off unless the `WEBSITE_AUTH_ENABLED` setting is true (App Service's own switch;
// the host CLI's `--auth` sets it). Extension webhooks (`/runtime/...`) are left alone.
import type { ExtensionFactory, HttpEndpoint } from '../extension';
import { login } from './login';
import { logout } from './logout';
import { me } from './me';
import { applyPrincipal } from './principal-headers';
import type { AuthReply } from './reply';
import { jsonError, send } from './reply';
import { sessionOf } from './session-cookie';

export const AUTH_SETTING = 'WEBSITE_AUTH_ENABLED';
const AUTH_PREFIX = '/.auth/';
const RUNTIME_PREFIX = '/runtime/';

export function authEnabled(env: NodeJS.ProcessEnv): boolean {
  return /^(true|1)$/i.test(env[AUTH_SETTING] ?? '');
}

export const localAuthExtension: ExtensionFactory = (host) => {
  if (!authEnabled(host.env)) return { name: 'auth' };
  const frontEnd: HttpEndpoint = {
    async handle(req, res, url) {
      const path = url.pathname;
      if (path.startsWith(RUNTIME_PREFIX)) return false;
      if (!path.startsWith(AUTH_PREFIX)) {
        applyPrincipal(req, sessionOf(req));
        return false;
      }
      send(res, await route(req.method ?? 'GET', path.slice(AUTH_PREFIX.length), req, url));
      return true;
    },
  };
  return {
    name: 'auth',
    frontEnd,
    start() {
      host.logger.info(
        `Local sign-in (App Service Authentication emulation): ${host.url()}/.auth/login/aad`,
      );
    },
  };
};

function route(
  method: string,
  rest: string,
  req: Parameters<HttpEndpoint['handle']>[0],
  url: URL,
): AuthReply | Promise<AuthReply> {
  const segments = rest.split('/').filter(Boolean);
  const [first, provider, extra] = segments;
  if (first === 'login' && provider && !extra) return login(req, url, provider);
  if (first === 'logout' && segments.length === 1) return logout(url);
  if (first === 'me' && segments.length === 1) {
    if (method !== 'GET' && method !== 'HEAD') return { status: 405, headers: { allow: 'GET' } };
    return me(sessionOf(req));
  }
  return jsonError(404, 'NotFound', 'No such sign-in endpoint.');
}
