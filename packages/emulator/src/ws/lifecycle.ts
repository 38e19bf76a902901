// Where a connection's life is decided: open, attach a socket, keep a dropped reliable
// connection for its recovery window, recover it, and end it (once, with one `disconnected`).
import type { ConnectedSystemMessage } from '@wps-local/wire';
import { CLOSE_CODES } from '@wps-local/wire';
import type { RawData, WebSocket } from 'ws';

import type { Logger } from '../logger';
import type { ClientConnection } from '../state/connection';
import type { UpstreamDispatcher } from '../upstream/dispatcher';

/** A close code of 1006 means the TCP connection died without a close frame: worth recovering. */
const ABNORMAL_CLOSURE = 1006;

export type FrameHandler = (conn: ClientConnection, data: Buffer, isBinary: boolean) => void;

export class ConnectionLifecycle {
  private readonly recoveryTimers = new Map<ClientConnection, NodeJS.Timeout>();
  private onFrame: FrameHandler = () => undefined;

  constructor(
    private readonly dispatcher: UpstreamDispatcher,
    private readonly log: Logger,
    private readonly recoveryWindowMs: number,
    /** The ping interval of a hub's sockets (its webSocketKeepAliveIntervalInSeconds). */
    private readonly keepAliveMsFor: (hub: string) => number = () => 20_000,
  ) {}

  setFrameHandler(handler: FrameHandler): void {
    this.onFrame = handler;
  }

  /** Upstream, `connected` goes before the `joined` of the groups the connect response gave. */
  open(conn: ClientConnection, socket: WebSocket, groups: readonly string[]): void {
    conn.hub.add(conn);
    this.dispatcher.connected(conn);
    for (const g of groups) conn.hub.addToGroup(conn, g);
    this.attach(conn, socket);
    conn.sendControl(connectedMessage(conn));
  }

  /** A reliable client came back within its window: replay what it has not acknowledged. */
  recover(conn: ClientConnection, socket: WebSocket): void {
    const timer = this.recoveryTimers.get(conn);
    if (timer) clearTimeout(timer);
    this.recoveryTimers.delete(conn);
    conn.socket?.terminate();
    this.attach(conn, socket);
    // `connected` again, before the replay: the client spec (1.2) lets the service send it after a
    // recovery, and @azure/web-pubsub-client 1.1 resumes its paused group streams only on it.
    conn.sendControl(connectedMessage(conn));
    // Reliable codecs' data frames are all of one kind: text for JSON, binary for protobuf.
    const binary = conn.codec.controlIsBinary;
    for (const frame of conn.reliable?.unacked() ?? []) socket.send(frame, { binary });
  }

  /** A reliable connection of this hub that may resume with this token. */
  findRecoverable(
    conn: ClientConnection | undefined,
    token: string | undefined,
  ): ClientConnection | undefined {
    if (!conn || conn.ended || !conn.reliable || !token) return undefined;
    return conn.reconnectionToken === token ? conn : undefined;
  }

  /** Service-initiated close: tell subprotocol clients why, close the socket, end the connection. */
  closeByService(conn: ClientConnection, reason: string, code: number = CLOSE_CODES.normal): void {
    if (conn.ended) return;
    conn.sendDisconnected(reason);
    this.end(conn, reason);
    conn.socket?.close(code, truncateReason(reason));
  }

  /** Ends the logical connection: leaves every index, and the handler hears `disconnected` once. */
  end(conn: ClientConnection, reason?: string): void {
    if (conn.ended) return;
    conn.ended = true;
    const timer = this.recoveryTimers.get(conn);
    if (timer) clearTimeout(timer);
    this.recoveryTimers.delete(conn);
    conn.dropInvocations();
    conn.dropStreams();
    conn.hub.remove(conn);
    this.dispatcher.disconnected(conn, reason);
  }

  private attach(conn: ClientConnection, socket: WebSocket): void {
    conn.socket = socket;
    const alive = socket as AliveSocket;
    alive.isAlive = true;
    alive.hubName = conn.hub.name;
    alive.lastPingAt = Date.now();
    socket.on('message', (data: RawData, isBinary: boolean) => {
      try {
        this.onFrame(conn, data as Buffer, isBinary);
      } catch (err) {
        this.log.error(`frame handling failed for ${conn.id}: ${String(err)}`);
        this.closeByService(conn, 'Internal server error.', CLOSE_CODES.internalError);
      }
    });
    socket.on('pong', () => ((socket as AliveSocket).isAlive = true));
    socket.on('error', (err) => this.log.debug(`socket error on ${conn.id}: ${err.message}`));
    socket.on('close', (code: number, reason: Buffer) => this.onClose(conn, socket, code, reason));
  }

  private onClose(conn: ClientConnection, socket: WebSocket, code: number, reason: Buffer): void {
    if (conn.socket !== socket) return;
    conn.socket = null;
    if (conn.ended) return;
    if (conn.reliable && code === ABNORMAL_CLOSURE) {
      const timer = setTimeout(
        () => this.end(conn, 'The connection was not recovered in time.'),
        this.recoveryWindowMs,
      );
      timer.unref();
      this.recoveryTimers.set(conn, timer);
      return;
    }
    const text = reason.toString('utf8');
    this.end(
      conn,
      text || (code === CLOSE_CODES.messageTooBig ? 'The message is too large.' : undefined),
    );
  }

  /**
   * Keep-alive, run often: a socket whose hub's ping interval has passed since its last ping is
   * pinged, or dropped if it did not answer that last ping.
   */
  sweep(sockets: Iterable<WebSocket>, now = Date.now()): void {
    for (const s of sockets) {
      const socket = s as AliveSocket;
      const interval = this.keepAliveMsFor(socket.hubName ?? '');
      // A little early rather than a whole sweep late.
      if (socket.lastPingAt !== undefined && now - socket.lastPingAt + PING_SLACK_MS < interval) {
        continue;
      }
      if (socket.isAlive === false) {
        socket.terminate();
        continue;
      }
      socket.isAlive = false;
      socket.lastPingAt = now;
      socket.ping();
    }
  }

  dispose(): void {
    for (const timer of this.recoveryTimers.values()) clearTimeout(timer);
    this.recoveryTimers.clear();
  }
}

type AliveSocket = WebSocket & { isAlive?: boolean; hubName?: string; lastPingAt?: number };

const PING_SLACK_MS = 50;

/** How often the keep-alive sweep runs: a 1 s hub interval is kept to within a quarter second. */
export function sweepIntervalMs(defaultKeepAliveMs: number): number {
  return Math.min(defaultKeepAliveMs, 250);
}

/** WebSocket close reasons are limited to 123 bytes. */
export function truncateReason(reason: string): string {
  const buf = Buffer.from(reason, 'utf8');
  return buf.length <= 123
    ? reason
    : buf
        .subarray(0, 120)
        .toString('utf8')
        .replace(/\uFFFD$/, '') + '...';
}

function connectedMessage(conn: ClientConnection): ConnectedSystemMessage {
  return {
    type: 'system',
    event: 'connected',
    userId: conn.userId,
    connectionId: conn.id,
    ...(conn.reconnectionToken ? { reconnectionToken: conn.reconnectionToken } : {}),
  };
}
