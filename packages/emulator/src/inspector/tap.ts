// The inspector's hooks into the emulator: each is one call from an existing file and does no
// work beyond a counter and a boolean check while nobody watches and no fault is set. Inbound
// frames are counted at the frame handler; outbound ones are seen by wrapping the sockets' `send`
// only while the inspector is "hot" (someone watches, or a delivery fault is set), so with the
// page closed a frame to a client costs exactly what it did without the inspector.
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { WebSocket } from 'ws';

import { DeliveryGate, type SendArgs } from '../faults/delivery-gate';
import type { FaultEvent } from '../faults/registry';
import { FaultRegistry, faultView } from '../faults/registry';
import { throttleRest } from '../faults/rest-throttle';
import { describeFault } from '../faults/spec';
import { callWithFault } from '../faults/upstream-fault';
import type { ClientConnection } from '../state/connection';
import type { UpstreamIdentity } from '../upstream/cloud-events';
import type { UpstreamResponse } from '../upstream/http-client';
import { frameEntry } from './frame-view';
import type { LogInput } from './live-log';
import { LiveLog } from './live-log';
import { redactUrl } from './redact';

export interface ConnectionStats {
  /** Epoch ms of the first socket. */
  since: number;
  framesIn: number;
  /** Counted while the inspector watches (or a delivery fault is set). */
  framesOut: number;
}

export interface UpstreamCall {
  who: UpstreamIdentity;
  event: string;
  url: string;
  headers: Readonly<Record<string, string>>;
}

type Send = (...args: SendArgs) => void;

const REPLY_PREVIEW = 500;

export class InspectorTap {
  readonly log = new LiveLog(undefined, () => this.updateHot());
  readonly gate = new DeliveryGate();
  readonly faults = new FaultRegistry((e) => this.onFault(e));
  private readonly stats = new WeakMap<ClientConnection, ConnectionStats>();
  /** Every attached socket, so that going hot can wrap them all. */
  private readonly sockets = new Map<WebSocket, ClientConnection>();
  /** Wrapped sockets and their own `send`. */
  private readonly originals = new WeakMap<WebSocket, Send>();
  private hot = false;

  statsOf(conn: ClientConnection): ConnectionStats | undefined {
    return this.stats.get(conn);
  }

  /** A frame from a client (before it is handled). */
  frameIn(conn: ClientConnection, data: Buffer, isBinary: boolean): void {
    const stats = this.stats.get(conn);
    if (stats) stats.framesIn++;
    if (this.log.watching) this.log.write(frameEntry('in', conn, data, isBinary));
  }

  /** A socket was attached to a connection (opened, or recovered by a reliable client). */
  attached(conn: ClientConnection, socket: WebSocket, recovered = false): void {
    let stats = this.stats.get(conn);
    if (!stats) this.stats.set(conn, (stats = { since: Date.now(), framesIn: 0, framesOut: 0 }));
    this.sockets.set(socket, conn);
    if (this.hot) this.wrap(conn, socket);
    socket.once('close', (code: number, reason: Buffer) => {
      this.sockets.delete(socket);
      this.log.write({
        ...who(conn),
        kind: 'connection',
        outcome: code === 1000 ? 'info' : 'error',
        status: code,
        summary: `socket closed ${code}${reason.length ? ` '${reason.toString('utf8')}'` : ''}`,
      });
    });
    this.log.write({
      ...who(conn),
      kind: 'connection',
      outcome: 'ok',
      summary: `${recovered ? 'recovered' : 'connected'} (${conn.subprotocol ?? 'raw'})`,
    });
  }

  /** Wraps or unwraps every socket when watching or delivery faults start or stop. */
  private updateHot(): void {
    const hot = this.log.watching || this.faults.delivery || this.gate.busy;
    if (hot === this.hot) return;
    this.hot = hot;
    for (const [socket, conn] of this.sockets) {
      if (hot) this.wrap(conn, socket);
      else this.unwrap(socket);
    }
  }

  private wrap(conn: ClientConnection, socket: WebSocket): void {
    if (this.originals.has(socket)) return;
    const stats = this.stats.get(conn)!;
    // Bound once per socket: the original `send`, called by the wrapper below.
    const send = socket.send.bind(socket) as unknown as Send;
    this.originals.set(socket, send);
    // Fixed parameters, no rest/spread: this runs once per frame to every client.
    const tap = (data: unknown, options?: unknown, cb?: unknown): void => {
      stats.framesOut++;
      this.outgoing(conn, socket, send, [data, options, cb]);
    };
    socket.send = tap;
  }

  private unwrap(socket: WebSocket): void {
    if (!this.originals.has(socket)) return;
    this.originals.delete(socket);
    // Back to the prototype's method (the own property stays, pointing at it).
    // eslint-disable-next-line @typescript-eslint/unbound-method -- a method put back on its object
    socket.send = (Object.getPrototypeOf(socket) as WebSocket).send;
  }

  private outgoing(conn: ClientConnection, socket: WebSocket, send: Send, args: SendArgs): void {
    const fault = this.faults.delivery ? this.faults.take('delivery', who(conn), false) : undefined;
    const held = fault !== undefined || this.gate.holding(conn);
    if (this.log.watching) {
      const entry = frameEntry('out', conn, args[0], isBinaryOption(args[1]));
      if (held) entry.summary += ' (held by a delivery fault)';
      this.log.write(entry);
    }
    if (!held) {
      send(...args);
      return;
    }
    const delay = fault ? (fault.spec.pause ? 'pause' : (fault.spec.delayMs ?? 0)) : 0;
    this.gate.hold(conn, socket, send, args, delay);
  }

  /** Before a REST request is routed: true when a fault answered it (429). */
  restRequest(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.faults.throttleRest && throttleRest(this.faults, req, res)) {
      this.log.write({
        ...restTargets(req.url ?? '/'),
        kind: 'rest',
        outcome: 'fault',
        status: 429,
        summary: `${req.method} ${redactUrl(req.url ?? '/')} 429 (throttled by a fault)`,
      });
      return true;
    }
    if (!this.log.watching) return false;
    const start = performance.now();
    res.once('finish', () => {
      const status = res.statusCode;
      this.log.write({
        ...restTargets(req.url ?? '/'),
        kind: 'rest',
        outcome: status < 400 ? 'ok' : 'error',
        status,
        durationMs: round(performance.now() - start),
        summary: `${req.method} ${redactUrl(req.url ?? '/')} ${status}`,
      });
    });
    return false;
  }

  /** Around one upstream call (retries included): faults apply here, the outcome is logged. */
  upstream(call: UpstreamCall, send: () => Promise<UpstreamResponse>): Promise<UpstreamResponse> {
    if (!this.log.watching && !this.faults.upstream) return send();
    return this.inspectUpstream(call, send);
  }

  private async inspectUpstream(
    call: UpstreamCall,
    send: () => Promise<UpstreamResponse>,
  ): Promise<UpstreamResponse> {
    const subject = {
      hub: call.who.hubName,
      connectionId: call.who.id,
      userId: call.who.userId,
      event: call.event,
    };
    const fault = this.faults.upstream ? this.faults.take('upstream', subject) : undefined;
    const start = performance.now();
    const base = {
      hub: call.who.hubName,
      connectionId: call.who.id,
      userId: call.who.userId,
      event: call.event,
      kind: 'upstream' as const,
    };
    const url = redactUrl(call.url);
    const signature = call.headers['ce-signature'];
    const facts = {
      url,
      signature: signature ? `sent (${signature.split(',').length} × HMAC-SHA256)` : 'none',
      ...(fault ? { fault: describeFault(fault.spec) } : {}),
    };
    try {
      const res = await (fault ? callWithFault(fault.spec, send) : send());
      const ok = res.status >= 200 && res.status < 300;
      const reply = res.body.toString('utf8');
      this.log.write({
        ...base,
        outcome: fault ? 'fault' : ok ? 'ok' : 'error',
        status: res.status,
        durationMs: round(performance.now() - start),
        summary: `${call.event} → ${url} ${res.status}${fault ? ' (fault)' : ''}`,
        detail: {
          ...facts,
          contentType: res.headers['content-type'],
          reply: reply.length > REPLY_PREVIEW ? reply.slice(0, REPLY_PREVIEW) + '…' : reply,
        },
      });
      return res;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log.write({
        ...base,
        outcome: fault ? 'fault' : 'error',
        durationMs: round(performance.now() - start),
        summary: `${call.event} → ${url} failed: ${redactUrl(message)}`,
        detail: facts,
      });
      throw err;
    }
  }

  /** Writes an entry (actions, one-off faults) when someone watches. */
  note(entry: LogInput): void {
    this.log.write(entry);
  }

  private onFault(e: FaultEvent): void {
    if (e.fault.spec.type === 'delivery' && e.change !== 'added' && e.change !== 'applied') {
      this.gate.releaseAll();
    }
    this.updateHot();
    if (!this.log.watching) return;
    const t = e.fault.spec.target;
    this.log.write({
      kind: 'fault',
      outcome: 'fault',
      summary: `fault ${e.change}: ${faultView(e.fault).description}`,
      ...(t.hub ? { hub: t.hub } : {}),
      ...(t.connectionId ? { connectionId: t.connectionId } : {}),
      ...(t.userId !== undefined ? { userId: t.userId } : {}),
      ...(t.event ? { event: t.event } : {}),
      detail: { id: e.fault.id, hits: e.fault.hits },
    });
  }
}

function who(conn: ClientConnection): { hub: string; connectionId: string; userId: string | null } {
  return { hub: conn.hub.name, connectionId: conn.id, userId: conn.userId };
}

function isBinaryOption(options: unknown): boolean {
  return (
    typeof options === 'object' &&
    options !== null &&
    (options as { binary?: boolean }).binary === true
  );
}

const REST_PATH =
  /^\/api\/hubs\/([^/?]+)(?:\/(?:groups\/([^/?]+)|users\/([^/?]+)|connections\/([^/?]+)))?/i;

function restTargets(
  url: string,
): Partial<Pick<LogInput, 'hub' | 'group' | 'userId' | 'connectionId'>> {
  const m = REST_PATH.exec(url);
  if (!m) return {};
  const d = (s: string | undefined) => (s === undefined ? undefined : safeDecode(s));
  return {
    hub: d(m[1])!,
    ...(m[2] ? { group: d(m[2])! } : {}),
    ...(m[3] ? { userId: d(m[3])! } : {}),
    ...(m[4] ? { connectionId: d(m[4])! } : {}),
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
