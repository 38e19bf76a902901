// The client handshake: authenticate before upgrading (a refused client never reaches the event
// handler), ask the `connect` handler, pick the subprotocol, then open or recover the connection.
import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

import {
  CLAIMS,
  CLOSE_CODES,
  isReliableSubprotocol,
  isValidGroupName,
  isValidUserId,
  WEBPUBSUB_SUBPROTOCOLS,
} from '@wps-local/wire';
import type { WebSocket, WebSocketServer } from 'ws';

import type { TokenClaims } from '../auth/tokens';
import { claimValues, verifyToken } from '../auth/tokens';
import type { EmulatorContext } from '../context';
import { badRequest, EmulatorError, invalidName } from '../errors';
import { ClientConnection, newConnectionId } from '../state/connection';
import { ConnectionPermissions } from '../state/permissions';
import { computeSignature } from '../upstream/signature';
import type { ClientUpgradeRequest } from './client-request';
import {
  connectEventBody,
  readAccessToken,
  readClientRequest,
  readRawMode,
} from './client-request';
import { codecFor } from './codecs';

/** The subprotocol chosen for a request, echoed by `handleProtocols`. */
const CHOSEN = Symbol('chosenSubprotocol');
type ChosenRequest = IncomingMessage & { [CHOSEN]?: string };

export function selectProtocol(protocols: Set<string>, req: IncomingMessage): string | false {
  const chosen = (req as ChosenRequest)[CHOSEN];
  return chosen && protocols.has(chosen) ? chosen : false;
}

export async function handleClientUpgrade(
  ctx: EmulatorContext,
  wss: WebSocketServer,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): Promise<void> {
  let request: ClientUpgradeRequest;
  try {
    request = readClientRequest(req);
    if (request.recovery) {
      recover(ctx, wss, req, socket, head, request);
      return;
    }
    await connect(ctx, wss, req, socket, head, request);
  } catch (err) {
    if (err instanceof EmulatorError) refuse(socket, err.status, err.message);
    else {
      ctx.log.error(`client handshake failed: ${String(err)}`);
      refuse(socket, 500, 'The emulator failed to accept the connection.');
    }
  }
}

function recover(
  ctx: EmulatorContext,
  wss: WebSocketServer,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  request: ClientUpgradeRequest,
): void {
  const { connectionId, token } = request.recovery!;
  const existing = ctx.hubs.peek(request.hub)?.connections.get(connectionId);
  const conn = ctx.lifecycle.findRecoverable(existing, token);
  // The reliable protocol keeps the subprotocol it started with.
  const protocol = conn?.subprotocol ?? request.offeredProtocols.find(isReliableSubprotocol);
  if (protocol) (req as ChosenRequest)[CHOSEN] = protocol;
  wss.handleUpgrade(req, socket, head, (ws) => {
    if (!conn || conn.ended) {
      // Accept, then refuse with 1008: the client stops recovering and connects anew.
      ws.close(CLOSE_CODES.policyViolation, 'The connection cannot be recovered.');
      return;
    }
    ctx.lifecycle.recover(conn, ws);
    ctx.tap?.attached(conn, ws, true);
  });
}

async function connect(
  ctx: EmulatorContext,
  wss: WebSocketServer,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  request: ClientUpgradeRequest,
): Promise<void> {
  const { hub: hubName, url, offeredProtocols } = request;
  const anonymous = ctx.hubs.settingsFor(hubName).anonymousConnectPolicy === 'allow';
  const token = readAccessToken(req, url, anonymous);
  // A client without a token on an `allow` hub has no claims: no user, no roles, no groups.
  const claims: TokenClaims =
    token === undefined
      ? {}
      : verifyToken(token, ctx.accessKey, `/client/hubs/${hubName}`, ctx.origin, req.headers.host);
  const rawMode = readRawMode(url);
  if (rawMode instanceof EmulatorError) throw rawMode;
  let groups = claimValues(claims, CLAIMS.group);
  const badGroup = groups.find((g) => !isValidGroupName(g));
  if (badGroup !== undefined) throw invalidName('group', badGroup);
  const sub: unknown = claims.sub;
  let userId: string | null = typeof sub === 'string' ? sub : null;
  if (!isValidUserId(userId ?? '')) throw badRequest('The user id is longer than 1024 characters.');
  let roles = claimValues(claims, CLAIMS.role);

  const hub = ctx.hubs.get(hubName);
  const id = newConnectionId();
  const outcome = await ctx.dispatcher.connect(
    {
      id,
      hubName: hub.name,
      userId,
      subprotocol: null,
      signature: computeSignature(ctx.accessKey, id),
      connectionState: undefined,
      cookies: new Map(),
    },
    connectEventBody(req, url, claims, offeredProtocols),
  );
  if (!outcome.ok)
    throw new EmulatorError(
      'EMU_ERR_FORBIDDEN',
      outcome.status,
      'The connection was refused by the event handler.',
    );
  if (socket.destroyed) return; // the client gave up while the handler decided
  const { decision } = outcome;
  if (decision.userId !== undefined) userId = decision.userId;
  if (decision.roles !== undefined) roles = decision.roles;
  if (decision.groups !== undefined) groups = decision.groups;

  const protocol = chooseProtocol(offeredProtocols, decision.subprotocol);
  const codec = codecFor(protocol);
  const permissions = ConnectionPermissions.fromRoles(roles);
  if (protocol) (req as ChosenRequest)[CHOSEN] = protocol;

  // The 101 response and the `connected` message leave in one write (ws writes the 101, then
  // calls back synchronously); an aborted handshake ends the socket, which uncorks it.
  socket.cork();
  wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
    try {
      const conn = new ClientConnection({
        id,
        hub,
        userId,
        codec,
        subprotocol: protocol ?? null,
        permissions,
        accessKey: ctx.accessKey,
        ...(outcome.connectionState ? { connectionState: outcome.connectionState } : {}),
      });
      for (const [k, v] of outcome.cookies) conn.cookies.set(k, v);
      conn.rawMode = codec.kind === 'raw' ? rawMode : { kind: 'sendEvent' };
      ctx.tap?.attached(conn, ws);
      ctx.lifecycle.open(conn, ws, groups);
    } finally {
      socket.uncork();
    }
  });
}

/**
 * The connect handler's choice (which the client must have offered), else the first Web PubSub
 * subprotocol the client offered. Anything else offered and not chosen is refused.
 */
function chooseProtocol(offered: string[], fromHandler: string | undefined): string | undefined {
  if (fromHandler !== undefined) {
    const match = offered.find((p) => p === fromHandler);
    if (!match)
      throw new EmulatorError(
        'EMU_ERR_INTERNAL',
        500,
        `The connect handler chose subprotocol '${fromHandler}', which the client did not offer.`,
      );
    return match;
  }
  if (offered.length === 0) return undefined;
  const supported = offered.find((p) => WEBPUBSUB_SUBPROTOCOLS.includes(p));
  if (!supported) {
    throw badRequest(
      `None of the subprotocols ${offered.join(', ')} is supported; use ${WEBPUBSUB_SUBPROTOCOLS.join(', ')}, or none.`,
    );
  }
  return supported;
}

/** Answers the upgrade request with a plain HTTP error and closes the socket. */
export function refuse(socket: Duplex, status: number, message: string): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({
    code: `Error.${STATUS_CODES[status]?.replace(/\s+/g, '') ?? 'Unknown'}`,
    message,
  });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\nContent-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
