// The emulator's own management API, beside the service's REST API and authenticated the same way
// (an HS256 bearer token signed with the access key, audience = the request URL): read and set hub
// settings while running, and reset all live state. The service has no such API: its hub settings
// are ARM resources. The stack and the test kit use it through `./client`.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { isValidHubName } from '@wps-local/wire';

import { parseHubSettings } from '../config';
import type { EmulatorContext } from '../context';
import { badRequest, invalidName, methodNotAllowed, notFound, writeRestError } from '../errors';
import { readLimited } from '../read-limited';
import { authenticate } from '../rest/router';

export const MANAGEMENT_PREFIX = '/emulator/';
const MAX_SETTINGS_BYTES = 64 * 1024;

export function isManagementPath(pathname: string): boolean {
  return pathname.toLowerCase().startsWith(MANAGEMENT_PREFIX);
}

export async function handleManagement(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', ctx.endpoint);
    const [resource, name, ...rest] = url.pathname.slice(MANAGEMENT_PREFIX.length).split('/');
    const method = req.method ?? 'GET';
    authenticate(ctx, req, url);
    if (resource === 'hubs' && name === undefined) {
      if (method !== 'GET') throw allowOnly(res, 'GET', method, url);
      return json(res, 200, { hubs: ctx.hubs.settings() });
    }
    if (resource === 'hubs' && name !== undefined && rest.length === 0) {
      if (method !== 'PUT') throw allowOnly(res, 'PUT', method, url);
      const hub = decodeURIComponent(name);
      if (!isValidHubName(hub)) throw invalidName('hub', hub);
      ctx.hubs.configure(hub, await readSettings(req));
      ctx.log.info(`hub '${hub}' settings replaced through the management API`);
      res.statusCode = 204;
      return void res.end();
    }
    if (resource === 'reset' && name === undefined) {
      if (method !== 'POST') throw allowOnly(res, 'POST', method, url);
      const closed = reset(ctx);
      ctx.log.info(`reset: ${closed} connection(s) closed, every group and user emptied`);
      return json(res, 200, { closedConnections: closed });
    }
    throw notFound(`No management operation at ${method} ${url.pathname}.`);
  } catch (err) {
    writeRestError(res, err);
  }
}

/** Closes every connection of every hub as the service closes one (no recovery for reliable
 * clients), which empties every group and user index, then forgets the hubs' live state. */
function reset(ctx: EmulatorContext): number {
  let closed = 0;
  for (const hub of [...ctx.hubs.all()]) {
    for (const conn of [...hub.connections.values()]) {
      ctx.lifecycle.closeByService(conn, 'The emulator was reset.');
      closed++;
    }
  }
  ctx.hubs.forgetState();
  return closed;
}

async function readSettings(req: IncomingMessage) {
  const body = await readLimited(req, MAX_SETTINGS_BYTES);
  if (!body) throw badRequest(`Hub settings are limited to ${MAX_SETTINGS_BYTES} bytes.`);
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw badRequest('Hub settings must be JSON.');
  }
  try {
    return parseHubSettings(json);
  } catch (err) {
    throw badRequest((err as Error).message);
  }
}

function allowOnly(res: ServerResponse, allowed: string, method: string, url: URL) {
  res.setHeader('allow', allowed);
  return methodNotAllowed(method, url.pathname);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
