// Reads a client's upgrade request: which hub, which token, which raw-client mode, and the
// `connect` event body the service builds from it.
import type { IncomingMessage } from 'node:http';

import type { ConnectEventBody } from '@wps-local/wire';
import { isValidGroupName, isValidHubName, RECONNECT_QUERY } from '@wps-local/wire';

import type { TokenClaims } from '../auth/tokens';
import { claimValues } from '../auth/tokens';
import type { EmulatorError } from '../errors';
import { badRequest, invalidName, notFound, unauthorized } from '../errors';
import type { RawMode } from '../state/connection';

export interface ClientUpgradeRequest {
  hub: string;
  url: URL;
  offeredProtocols: string[];
  recovery?: { connectionId: string; token: string | undefined };
}

const CLIENT_PATH = /^\/client\/hubs\/([^/]+)\/?$/i;

/** Hub from `/client/hubs/{hub}` or the legacy `/client/?hub={hub}`. */
export function readClientRequest(req: IncomingMessage): ClientUpgradeRequest {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const match = CLIENT_PATH.exec(url.pathname);
  let hub: string | null | undefined = match?.[1] && safeDecode(match[1]);
  if (!match && /^\/client\/?$/i.test(url.pathname)) hub = url.searchParams.get('hub');
  if (hub === undefined)
    throw notFound(`No client endpoint at ${url.pathname}; use /client/hubs/{hub}.`);
  if (!hub || !isValidHubName(hub)) throw invalidName('hub', hub ?? '');
  const offeredProtocols = (req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const connectionId = url.searchParams.get(RECONNECT_QUERY.connectionId);
  const recovery = connectionId
    ? { connectionId, token: url.searchParams.get(RECONNECT_QUERY.reconnectionToken) ?? undefined }
    : undefined;
  return { hub, url, offeredProtocols, ...(recovery ? { recovery } : {}) };
}

/**
 * The access token from `?access_token=` (preferred) or `Authorization: Bearer`; undefined when
 * there is none and the hub admits anonymous clients (`anonymousConnectPolicy: allow`).
 */
export function readAccessToken(
  req: IncomingMessage,
  url: URL,
  allowAnonymous = false,
): string | undefined {
  const fromQuery = url.searchParams.get('access_token');
  if (fromQuery) return fromQuery;
  const auth = req.headers.authorization;
  if (auth && /^bearer\s+/i.test(auth)) return auth.replace(/^bearer\s+/i, '');
  if (allowAnonymous) return undefined;
  throw unauthorized(
    'An access token is required (access_token query parameter or Authorization header).',
  );
}

/** `webpubsub_mode`, `group`, `noEcho` of raw clients: validated for every client, used by raw ones. */
export function readRawMode(url: URL): RawMode | EmulatorError {
  const mode = (url.searchParams.getAll('webpubsub_mode').pop() ?? '').toLowerCase();
  if (mode === '' || mode === 'sendevent') return { kind: 'sendEvent' };
  if (mode !== 'sendtogroup')
    return badRequest(`Unknown webpubsub_mode '${mode}'; use sendEvent or sendToGroup.`);
  const group = url.searchParams.getAll('group').pop();
  if (!isValidGroupName(group)) return invalidName('group', group ?? '');
  const noEcho = (url.searchParams.getAll('noEcho').pop() ?? '').toLowerCase();
  if (noEcho !== '' && noEcho !== 'true' && noEcho !== 'false') {
    return badRequest(`noEcho must be true or false, not '${noEcho}'.`);
  }
  return { kind: 'sendToGroup', group, noEcho: noEcho === 'true' };
}

/** Headers the service keeps to itself: credentials and the WebSocket handshake. */
const HIDDEN_HEADERS = new Set([
  'authorization',
  'connection',
  'upgrade',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
]);

export function connectEventBody(
  req: IncomingMessage,
  url: URL,
  claims: TokenClaims,
  offeredProtocols: string[],
): ConnectEventBody {
  const claimMap: Record<string, string[]> = {};
  for (const name of Object.keys(claims)) claimMap[name] = claimValues(claims, name);
  const query: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) {
    if (k === 'access_token') continue;
    (query[k] ??= []).push(v);
  }
  const headers: Record<string, string[]> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    if (HIDDEN_HEADERS.has(name.toLowerCase())) continue;
    (headers[name] ??= []).push(req.rawHeaders[i + 1]!);
  }
  return {
    claims: claimMap,
    query,
    headers,
    subprotocols: offeredProtocols,
    clientCertificates: [],
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
