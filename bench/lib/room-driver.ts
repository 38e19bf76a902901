// Room messages through the chat app: members take turns sending `message` events to their room,
// at most W in flight; a message leaves the window when every member has it. Latencies come from
// the send time carried in the message text, found after `"body":"` in the delivered envelope.
import type WebSocket from 'ws';

import { CpuMeter } from './cpu';
import { readSeq, readTs } from './payload';
import type { Summary } from './stats';
import { nowUs, Samples } from './stats';

const BODY_KEY = Buffer.from('"body":"');
const ERROR_KEY = Buffer.from('"type":"error"');

export interface RoomResult {
  messages: number;
  deliveries: number;
  expected: number;
  seconds: number;
  messagesPerSec: number;
  deliveriesPerSec: number;
  /** Send → each member, µs. */
  recipient: Summary;
  /** Send → last member, µs. */
  completion: Summary;
  errors: number;
  firstError?: string;
  timedOut: boolean;
  clientCpuPct: number;
}

interface Phase {
  base: number;
  count: number;
  sent: number;
  retired: number;
  deliveries: number;
  errors: number;
  firstError?: string;
  perMessage: Uint32Array;
  tLast: number;
  done: () => void;
}

export class RoomDriver {
  private phase: Phase | undefined;
  private nextSeq = 0;
  private readonly recipient = new Samples(1 << 21);
  private readonly completion = new Samples(1 << 16);

  private window = 1;

  constructor(
    private readonly members: readonly WebSocket[],
    private readonly frame: (seq: number, tsUs: number) => string,
  ) {
    const n = members.length;
    const onMessage = (data: Buffer) => {
      const p = this.phase;
      if (!p) return;
      const at = data.indexOf(BODY_KEY);
      if (at < 0) {
        if (data.indexOf(ERROR_KEY) >= 0) this.failed(p, data.toString('utf8'));
        return;
      }
      const off = at + BODY_KEY.length;
      const i = readSeq(data, off) - p.base;
      if (i < 0 || i >= p.count) return;
      const t = nowUs();
      p.deliveries++;
      p.tLast = t;
      this.recipient.push(t - readTs(data, off));
      if (++p.perMessage[i]! !== n) return;
      this.completion.push(t - readTs(data, off));
      this.retire(p);
    };
    for (const ws of members) ws.on('message', onMessage);
  }

  /** An error reply (e.g. RateLimited) names the message id `b<seq>`: it will never arrive. */
  private failed(p: Phase, text: string): void {
    p.errors++;
    p.firstError ??= text.slice(0, 200);
    const seq = Number(/"id":"b(\d+)"/.exec(text)?.[1] ?? NaN) - p.base;
    if (seq >= 0 && seq < p.count) this.retire(p);
  }

  private retire(p: Phase): void {
    p.retired++;
    if (p.retired === p.count) p.done();
    else this.pump(p);
  }

  private pump(p: Phase): void {
    while (p.sent < p.count && p.sent - p.retired < this.window) {
      const seq = p.base + p.sent++;
      this.members[seq % this.members.length]!.send(this.frame(seq, nowUs()));
    }
  }

  /** Sends `count` messages with at most `window` in flight. */
  async run(count: number, window: number, timeoutMs: number): Promise<RoomResult> {
    this.window = window;
    const cpu = new CpuMeter();
    this.recipient.reset();
    this.completion.reset();
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    const p: Phase = {
      ...{ base: this.nextSeq, count, sent: 0, retired: 0, deliveries: 0, errors: 0 },
      ...{ perMessage: new Uint32Array(count), tLast: 0, done },
    };
    this.nextSeq += count;
    this.phase = p;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>(
      (r) => (timer = setTimeout(() => r('timeout'), timeoutMs)),
    );
    const t0 = nowUs();
    this.pump(p);
    const outcome = await Promise.race([finished.then(() => 'done' as const), timeout]);
    clearTimeout(timer);
    this.phase = undefined;
    const seconds = ((p.tLast || nowUs()) - t0) / 1e6;
    const n = this.members.length;
    return {
      ...{ messages: count, deliveries: p.deliveries, expected: count * n, seconds },
      messagesPerSec: p.deliveries / n / seconds,
      deliveriesPerSec: p.deliveries / seconds,
      recipient: this.recipient.summary(),
      completion: this.completion.summary(),
      errors: p.errors,
      ...(p.firstError !== undefined ? { firstError: p.firstError } : {}),
      timedOut: outcome === 'timeout',
      clientCpuPct: cpu.read().cpuPct,
    };
  }
}
