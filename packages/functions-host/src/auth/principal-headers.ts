// What App Service Authentication does to every request before the app sees it: the client's own
// `x-ms-client-principal*` headers are dropped, and a signed-in user's are added.
import type { IncomingMessage } from 'node:http';

import { isPrincipalHeader, principalHeaders } from './client-principal';
import type { LocalUser } from './local-user';

export function applyPrincipal(req: IncomingMessage, user: LocalUser | undefined): void {
  const headers = req.headers;
  for (const name of Object.keys(headers)) {
    if (isPrincipalHeader(name)) delete headers[name];
  }
  if (user) Object.assign(headers, principalHeaders(user));
}
