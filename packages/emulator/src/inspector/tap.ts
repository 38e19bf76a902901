// The inspector's hooks into the emulator: each is one call from an existing file and does no
// work beyond a counter and a boolean check while nobody watches and no fault is set. While the
// page is open, hooks hand the live log a function that builds the entry later (see live-log):
// inbound frames at the frame handler, outgoing data once per fan-out (not per recipient),
// control frames (acks, system messages) from the connection. Sockets' `send` is wrapped only
// while a delivery fault needs to hold frames back, never for logging.
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { WebSocket } from 'ws';

import { DeliveryGate, type SendArgs } from '../faults/delivery-gate';
import type { FaultEvent } from '../faults/registry';
import { FaultRegistry, faultView } from '../faults/registry';
import { describeFault } from '../faults/spec';
import type { MessageTarget, RouteOptions } from '../routing';
import type { ClientConnection } from '../state/connection';
import type { UpstreamResponse } from '../upstream/http-client';
import type { ControlFrame } from '../ws/codecs/codec';
import type { OutboundData, PreparedMessage } from '../ws/outbound';
import { controlEntry, fanoutEntry, frameEntry, replyEntry } from './frame-view';
import type { LogInput } from './live-log';
import { LiveLog } from './live-log';
import { inspectRest } from './rest-tap';
import type { UpstreamCall } from './upstream-tap';
import { inspectUpstream } from './upstream-tap';

export type { UpstreamCall } from './upstream-tap';

type Send = (...args: SendArgs) => void;

export class InspectorTap {
  readonly log = new LiveLog();
  readonly gate = new DeliveryGate();
  readonly faults = new FaultRegistry((e) => this.onFault(e));
  /** When each connection's first socket opened (epoch ms). */
  private readonly since = new WeakMap<ClientConnection, number>();
  /** Every attached socket, so that a delivery fault can wrap them all. */
  private readonly sockets = new Map<WebSocket, ClientConnection>();
  /** Wrapped sockets and their own `send`. */
  private readonly originals = new WeakMap<WebSocket, Send>();
  private hot = false;

  connectedSince(conn: ClientConnection): number | undefined {
    return this.since.get(conn);
  }

  /** A frame from a client (before it is handled). */
  frameIn(conn: ClientConnection, data: Buffer, isBinary: boolean): void {
    conn.framesIn++;
    if (this.log.watching) this.log.write('frame-in', () => frameEntry('in', conn, data, isBinary));
  }

  /** A message's fan-out is over (the Fanout's observer): one entry, however many recipients. */
  readonly fanout = (
    msg: PreparedMessage,
    options: RouteOptions,
    recipients: number,
    last: ClientConnection | undefined,
  ): void => {
    if (!this.log.watching) return;
    this.log.write('frame-out', () =>
      fanoutEntry(msg, targetOf(msg, options, last), recipients, last),
    );
  };

  /** An event handler's reply sent to its connection; `direct` when it bypassed `deliver`. */
  replied(conn: ClientConnection, data: OutboundData, direct = false): void {
    if (direct) conn.framesOut++;
    if (this.log.watching) this.log.write('frame-out', () => replyEntry(conn, data));
  }

  private readonly control = (conn: ClientConnection, frame: ControlFrame): void => {
    if (this.log.watching) this.log.write('frame-out', () => controlEntry(conn, frame));
  };

  /** A socket was attached to a connection (opened, or recovered by a reliable client). */
  attached(conn: ClientConnection, socket: WebSocket, recovered = false): void {
    if (!this.since.has(conn)) this.since.set(conn, Date.now());
    conn.onControl = this.control;
    this.sockets.set(socket, conn);
    if (this.hot) this.wrap(conn, socket);
    socket.once('close', (code: number, reason: Buffer) => {
      this.sockets.delete(socket);
      const summary = `socket closed ${code}${reason.length ? ` '${reason.toString('utf8')}'` : ''}`;
      this.log.write(
        'connection',
        {
          ...who(conn),
          kind: 'connection',
          outcome: code === 1000 ? 'info' : 'error',
          status: code,
          summary,
        },
        code !== 1000,
      );
    });
    const replayed = recovered ? `, ${conn.reliable?.size ?? 0} unacked message(s) replayed` : '';
    this.log.write(
      'connection',
      {
        ...who(conn),
        kind: 'connection',
        outcome: 'ok',
        summary: `${recovered ? 'recovered' : 'connected'} (${conn.subprotocol ?? 'raw'})${replayed}`,
      },
      recovered,
    );
  }

  /** Wraps or unwraps every socket when delivery faults start or stop holding frames. */
  private updateHot(): void {
    const hot = this.faults.delivery || this.gate.busy;
    if (hot === this.hot) return;
    this.hot = hot;
    for (const [socket, conn] of this.sockets) {
      if (hot) this.wrap(conn, socket);
      else this.unwrap(socket);
    }
  }

  private wrap(conn: ClientConnection, socket: WebSocket): void {
    if (this.originals.has(socket)) return;
    // Bound once per socket: the original `send`, called by the wrapper below.
    const send = socket.send.bind(socket) as unknown as Send;
    this.originals.set(socket, send);
    // Fixed parameters, no rest/spread: this runs once per frame to every client.
    const tap = (data: unknown, options?: unknown, cb?: unknown): void => {
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
    if (!held) {
      send(...args);
      return;
    }
    if (this.log.watching) {
      this.log.write('frame-out', () => ({
        ...frameEntry('out', conn, args[0], isBinaryOption(args[1])),
        outcome: 'fault',
        summary: `← frame held by a delivery fault (${fault ? describeFault(fault.spec) : 'behind earlier frames'})`,
      }));
    }
    const delay = fault ? (fault.spec.pause ? 'pause' : (fault.spec.delayMs ?? 0)) : 0;
    this.gate.hold(conn, socket, send, args, delay);
  }

  /** Before a REST request is routed: true when a fault answered it (429). */
  restRequest(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.log.watching && !this.faults.throttleRest) return false;
    return inspectRest(this.log, this.faults, req, res);
  }

  /** Around one upstream call (retries included): faults apply here, the outcome is logged. */
  upstream(call: UpstreamCall, send: () => Promise<UpstreamResponse>): Promise<UpstreamResponse> {
    if (!this.log.watching && !this.faults.upstream) return send();
    return inspectUpstream(this.log, this.faults, call, send);
  }

  /** Writes an entry (actions, one-off faults) when someone watches. */
  note(entry: LogInput): void {
    this.log.write(entry.kind, entry, true);
  }

  private onFault(e: FaultEvent): void {
    if (e.fault.spec.type === 'delivery' && e.change !== 'added' && e.change !== 'applied') {
      this.gate.releaseAll();
    }
    this.updateHot();
    if (!this.log.watching) return;
    const t = e.fault.spec.target;
    const entry: LogInput = {
      kind: 'fault',
      outcome: 'fault',
      summary: `fault ${e.change}: ${faultView(e.fault).description}`,
      ...(t.hub ? { hub: t.hub } : {}),
      ...(t.connectionId ? { connectionId: t.connectionId } : {}),
      ...(t.userId !== undefined ? { userId: t.userId } : {}),
      ...(t.event ? { event: t.event } : {}),
      detail: { id: e.fault.id, hits: e.fault.hits },
    };
    this.log.write('fault', entry, true);
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

/** Who a fanned-out message was for: as the sender said, else its group, else its hub. */
function targetOf(
  msg: PreparedMessage,
  options: RouteOptions,
  last: ClientConnection | undefined,
): MessageTarget {
  if (options.to) return options.to;
  const hub = options.skip?.hub.name ?? last?.hub.name;
  const origin = msg.origin;
  if (origin.from === 'group') return { hub, to: 'group', name: origin.group };
  return { hub, to: 'all' };
}
