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
  // The raw lines too: the host hands the function the request's raw header lines.
  const raw: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    if (!isPrincipalHeader(req.rawHeaders[i]!.toLowerCase()))
      raw.push(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  }
  if (user) {
    const added = principalHeaders(user);
    Object.assign(headers, added);
    for (const [name, value] of Object.entries(added)) raw.push(name, value);
  }
  req.rawHeaders = raw;
}
