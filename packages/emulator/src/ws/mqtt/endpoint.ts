// The MQTT client endpoint, `/clients/mqtt/hubs/{hub}`: the WebSocket handshake authenticates as
// for every client (access token in `access_token` or `Authorization: Bearer`, audience
// `.../clients/mqtt/hubs/{hub}` as @azure/web-pubsub's getClientAccessToken({ clientProtocol:
// "mqtt" }) signs it; the hub's anonymous policy), and MQTT itself starts with the first packet.
// Sources: azure-docs howto-connect-mqtt-websocket-client.md, includes/mqtt-connection-parameters.md;
// @azure/web-pubsub 1.2.0 hubClient.js (client path and audience); MQTT 5.0 §6 (subprotocol `mqtt`).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

import {
  CLAIMS,
  isMqttSubprotocol,
  isValidGroupName,
  isValidHubName,
  isValidUserId,
  MAX_MESSAGE_BYTES,
  mqttClientPath,
} from '@wps-local/wire';
import { WebSocketServer } from 'ws';

import type { TokenClaims } from '../../auth/tokens';
import { claimValues, verifyToken } from '../../auth/tokens';
import type { EmulatorContext } from '../../context';
import { badRequest, EmulatorError, invalidName, notFound } from '../../errors';
import { connectEventBody, readAccessToken } from '../client-request';
import { refuse } from '../upgrade';
import type { MqttHandshake } from './connect';
import { MqttLink } from './link';

const MQTT_PATH = /^\/clients\/mqtt\/hubs\/([^/]+)\/?$/i;

/** Whether an upgrade request is for the MQTT endpoint (its other checks come later). */
export function isMqttPath(url: string): boolean {
  return /^\/clients\/mqtt(\/|\?|$)/i.test(url);
}

export class MqttEndpoint {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    perMessageDeflate: false,
    // The client's own spelling goes back: `mqtt`, or `mqttv3.1` from clients that offer it.
    handleProtocols: (protocols) => [...protocols].find((p) => isMqttSubprotocol(p)) ?? false,
  });
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly ctx: EmulatorContext) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    let handshake: MqttHandshake;
    try {
      handshake = this.authenticate(req);
    } catch (err) {
      if (err instanceof EmulatorError) refuse(socket, err.status, err.message);
      else {
        this.ctx.log.error(`MQTT handshake failed: ${String(err)}`);
        refuse(socket, 500, 'The emulator failed to accept the connection.');
      }
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      new MqttLink(this.ctx, ws, handshake, { track: (t) => this.track(t) }).start();
    });
  }

  /** Open sockets are dropped and session expiry timers cancelled. */
  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private track(timer: NodeJS.Timeout): void {
    this.timers.add(timer);
    // Forget it once it has run (or soon after, were it cleared).
    const forget = setTimeout(() => this.timers.delete(timer), 31_000);
    forget.unref();
  }

  private authenticate(req: IncomingMessage): MqttHandshake {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const match = MQTT_PATH.exec(url.pathname);
    if (!match)
      throw notFound(`No MQTT endpoint at ${url.pathname}; use /clients/mqtt/hubs/{hub}.`);
    const hub = safeDecode(match[1]!);
    if (!isValidHubName(hub)) throw invalidName('hub', hub);
    const offered = (req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    if (!offered.some(isMqttSubprotocol)) {
      throw badRequest('MQTT clients must offer the WebSocket subprotocol mqtt.');
    }
    const anonymous = this.ctx.hubs.settingsFor(hub).anonymousConnectPolicy === 'allow';
    const token = readAccessToken(req, url, anonymous);
    const claims: TokenClaims =
      token === undefined
        ? {}
        : verifyToken(
            token,
            this.ctx.accessKey,
            mqttClientPath(hub),
            this.ctx.origin,
            req.headers.host,
          );
    const groups = claimValues(claims, CLAIMS.group);
    const badGroup = groups.find((g) => !isValidGroupName(g));
    if (badGroup !== undefined) throw invalidName('group', badGroup);
    const sub: unknown = claims.sub;
    const userId = typeof sub === 'string' ? sub : null;
    if (!isValidUserId(userId ?? ''))
      throw badRequest('The user id is longer than 1024 characters.');
    return {
      hub,
      userId,
      roles: claimValues(claims, CLAIMS.role),
      groups,
      event: connectEventBody(req, url, claims, offered),
    };
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
