// Counts deliveries per message seq across many receivers (REST sends from another process), so
// the measured phase can be cut out afterwards by seq and timed to its last delivery.
import type WebSocket from 'ws';

import { dataOffset, readSeq } from './payload';
import { nowUs, sleep } from './stats';

export class DeliveryCounter {
  private readonly count: Uint32Array;
  private readonly last: Float64Array;
  total = 0;

  constructor(
    sockets: readonly WebSocket[],
    private readonly maxSeq = 1 << 20,
  ) {
    this.count = new Uint32Array(maxSeq);
    this.last = new Float64Array(maxSeq);
    const onMessage = (data: Buffer) => {
      const off = dataOffset(data);
      if (off < 0) return;
      const seq = readSeq(data, off);
      if (seq >= this.maxSeq) return;
      this.total++;
      this.count[seq]!++;
      this.last[seq] = nowUs();
    };
    for (const ws of sockets) ws.on('message', onMessage);
  }

  /** Deliveries of seqs [from, to) and the time of the last one. */
  range(from: number, to: number): { deliveries: number; lastUs: number } {
    let deliveries = 0;
    let lastUs = 0;
    for (let s = from; s < Math.min(to, this.maxSeq); s++) {
      deliveries += this.count[s]!;
      lastUs = Math.max(lastUs, this.last[s]!);
    }
    return { deliveries, lastUs };
  }

  /** Waits until `expected` deliveries in all, or no progress for `idleMs`, or `maxMs`. */
  async settle(expected: number, idleMs = 2000, maxMs = 20_000): Promise<void> {
    const t0 = Date.now();
    let seen = this.total;
    let since = Date.now();
    while (this.total < expected && Date.now() - t0 < maxMs) {
      await sleep(50);
      if (this.total !== seen) {
        seen = this.total;
        since = Date.now();
      } else if (Date.now() - since > idleMs) return;
    }
  }
}
