// Request/response over WebSockets for closed loops: worker w sends on socket w and waits for the
// frame that answers it; a watchdog fails operations that waited longer than the timeout.
import type WebSocket from 'ws';

export interface RoundTripOptions {
  /** The frame worker `w` sends for its `seq`-th operation. */
  frame: (worker: number, seq: number) => string | Buffer;
  /** Whether a received frame answers the pending operation (e.g. skip acks, system frames). */
  accepts: (frame: Buffer) => boolean;
  timeoutMs?: number;
}

interface Pending {
  resolve: () => void;
  reject: (err: Error) => void;
  since: number;
}

export class RoundTripper {
  private readonly pending: (Pending | undefined)[];
  private readonly watchdog: NodeJS.Timeout;
  private seq = 0;

  constructor(
    private readonly sockets: readonly WebSocket[],
    private readonly o: RoundTripOptions,
  ) {
    this.pending = new Array<Pending | undefined>(sockets.length);
    sockets.forEach((ws, w) =>
      ws.on('message', (data: Buffer) => {
        const p = this.pending[w];
        if (!p || !o.accepts(data)) return;
        this.pending[w] = undefined;
        p.resolve();
      }),
    );
    const timeoutMs = o.timeoutMs ?? 5000;
    this.watchdog = setInterval(() => {
      const now = Date.now();
      this.pending.forEach((p, w) => {
        if (!p || now - p.since < timeoutMs) return;
        this.pending[w] = undefined;
        p.reject(new Error(`no answer in ${timeoutMs} ms`));
      });
    }, 250);
  }

  readonly op = (w: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      this.pending[w] = { resolve, reject, since: Date.now() };
      // Text frames always (a Buffer would go out as a binary frame).
      this.sockets[w]!.send(this.o.frame(w, this.seq++), { binary: false });
    });

  close(): void {
    clearInterval(this.watchdog);
  }
}
