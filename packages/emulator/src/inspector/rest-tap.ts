// The inspector in front of the REST API: a throttling fault answers 429 with Retry-After, and
// each call goes to the live log (method, URL without secrets, its hub/group/user/connection,
// status, time taken) when someone watches.
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { FaultRegistry } from '../faults/registry';
import { throttleRest } from '../faults/rest-throttle';
import type { LiveLog, LogInput } from './live-log';
import { redactUrl } from './redact';
import { round } from './upstream-tap';

/** True when a fault answered the request (429). */
export function inspectRest(
  log: LiveLog,
  faults: FaultRegistry,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const url = req.url ?? '/';
  const method = req.method ?? 'GET';
  if (faults.throttleRest && throttleRest(faults, req, res)) {
    log.write(
      'rest',
      () => ({
        ...restTargets(url),
        kind: 'rest',
        outcome: 'fault',
        status: 429,
        summary: `${method} ${redactUrl(url)} 429 (throttled by a fault)`,
      }),
      true,
    );
    return true;
  }
  if (!log.watching) return false;
  const start = performance.now();
  res.once('finish', () => {
    const status = res.statusCode;
    const durationMs = round(performance.now() - start);
    log.write(
      'rest',
      () => ({
        ...restTargets(url),
        kind: 'rest',
        outcome: status < 400 ? 'ok' : 'error',
        status,
        durationMs,
        summary: `${method} ${redactUrl(url)} ${status}`,
      }),
      status >= 400,
    );
  });
  return false;
}

const REST_PATH =
  /^\/api\/hubs\/([^/?]+)(?:\/(?:groups\/([^/?]+)|users\/([^/?]+)|connections\/([^/?]+)))?/i;

function restTargets(
  url: string,
): Partial<Pick<LogInput, 'hub' | 'group' | 'userId' | 'connectionId'>> {
  const m = REST_PATH.exec(url);
  if (!m) return {};
  return {
    hub: safeDecode(m[1]!),
    ...(m[2] ? { group: safeDecode(m[2]) } : {}),
    ...(m[3] ? { userId: safeDecode(m[3]) } : {}),
    ...(m[4] ? { connectionId: safeDecode(m[4]) } : {}),
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
