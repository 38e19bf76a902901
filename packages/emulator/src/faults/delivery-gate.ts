// A slow consumer on purpose: frames to a connection under a delivery fault wait in a FIFO
// (delayed by a fixed time, or paused until the fault goes) and leave in their original order.
import type { WebSocket } from 'ws';

export type SendArgs = [data: unknown, options?: unknown, cb?: unknown];
type Send = (...args: SendArgs) => void;

interface Held {
  args: SendArgs;
  /** When it may leave; Infinity while paused. */
  at: number;
}

interface Queue {
  socket: WebSocket;
  send: Send;
  held: Held[];
  timer?: NodeJS.Timeout;
}

export class DeliveryGate {
  private readonly queues = new Map<object, Queue>();

  /** Whether any connection has frames waiting. */
  get busy(): boolean {
    return this.queues.size > 0;
  }

  /** Whether frames of this connection are waiting (later frames must wait behind them). */
  holding(conn: object): boolean {
    return this.queues.has(conn);
  }

  hold(
    conn: object,
    socket: WebSocket,
    send: Send,
    args: SendArgs,
    delayMs: number | 'pause',
  ): void {
    let q = this.queues.get(conn);
    if (!q || q.socket !== socket) {
      q = { socket, send, held: [] };
      this.queues.set(conn, q);
      socket.once('close', () => this.drop(conn, socket));
    }
    q.held.push({ args, at: delayMs === 'pause' ? Infinity : Date.now() + delayMs });
    this.schedule(conn, q);
  }

  /** Lets out what may leave: `release` frees paused frames too (their fault was cleared). */
  flush(conn: object, release = false): void {
    const q = this.queues.get(conn);
    if (!q) return;
    const now = Date.now();
    while (q.held.length > 0 && (release || q.held[0]!.at <= now)) {
      q.send.apply(q.socket, q.held.shift()!.args);
    }
    if (q.held.length === 0) {
      if (q.timer) clearTimeout(q.timer);
      this.queues.delete(conn);
    } else this.schedule(conn, q);
  }

  /** Releases every connection's frames (faults were cleared or expired). */
  releaseAll(): void {
    for (const conn of [...this.queues.keys()]) this.flush(conn, true);
  }

  private schedule(conn: object, q: Queue): void {
    if (q.timer) clearTimeout(q.timer);
    q.timer = undefined;
    const head = q.held[0];
    if (!head || head.at === Infinity) return;
    q.timer = setTimeout(() => this.flush(conn), Math.max(0, head.at - Date.now()));
    q.timer.unref();
  }

  private drop(conn: object, socket: WebSocket): void {
    const q = this.queues.get(conn);
    if (!q || q.socket !== socket) return;
    if (q.timer) clearTimeout(q.timer);
    this.queues.delete(conn);
  }
}
