// Throttled REST calls: a 429 with Retry-After, in the service's error shape, before the request
// reaches its operation. Only the data-plane API (`/api/...`) is throttled.
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { FaultRegistry } from './registry';

const HUB_IN_PATH = /^\/api\/hubs\/([^/?]+)/i;

/** True when the request was answered with 429. */
export function throttleRest(
  faults: FaultRegistry,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const url = req.url ?? '/';
  if (!/^\/api\//i.test(url)) return false;
  const hub = decodeURIComponent(HUB_IN_PATH.exec(url)?.[1] ?? '');
  const fault = faults.take('throttleRest', { hub });
  if (!fault) return false;
  const body = JSON.stringify({
    code: 'TooManyRequests',
    message: 'Too many requests (injected fault).',
    target: 'Request',
  });
  req.resume();
  res.writeHead(429, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'retry-after': String(fault.spec.retryAfterSeconds),
    'x-ms-error-code': 'TooManyRequests',
  });
  res.end(body);
  return true;
}
