// Windowed fan-out: one publisher keeps at most W messages in flight; a message leaves the window
// when every receiver has it (and, when asked, when its ack came back). Counts deliveries/s.
import type WebSocket from 'ws';

import { CpuMeter } from './cpu';
import { dataOffset, readSeq, readTs } from './payload';
import type { Summary } from './stats';
import { nowUs, Samples } from './stats';

export interface FanoutOptions {
  publisher: WebSocket;
  receivers: readonly WebSocket[];
  window: number;
  /** The frame the publisher sends for message `seq` (unique across phases: it is the ackId). */
  frame: (seq: number, tsUs: number) => string | Buffer;
  /** Emulator: the publisher's `ack` frames must also come back before a slot frees. */
  needAck: boolean;
  /** Reads an ack from a publisher frame; default: the JSON subprotocol's `ack` message. */
  readAck?: (data: Buffer) => { ackId: number; success: boolean } | undefined;
  /** Where the data starts in a receiver's frame, -1 if none; default: a JSON envelope's. */
  dataOffset?: (frame: Buffer) => number;
  timeoutMs: number;
}

export interface FanoutResult {
  messages: number;
  deliveries: number;
  expected: number;
  seconds: number;
  deliveriesPerSec: number;
  /** Send → each receiver, µs. */
  recipient: Summary;
  /** Send → last receiver, µs. */
  completion: Summary;
  acks: number;
  ackFailures: number;
  timedOut: boolean;
  clientCpuPct: number;
}

interface Phase {
  base: number;
  count: number;
  sent: number;
  retired: number;
  deliveries: number;
  acks: number;
  ackFailures: number;
  perMessage: Uint32Array;
  flags: Uint8Array;
  tLast: number;
  record: boolean;
  done: () => void;
}

const COMPLETE = 1;
const ACKED = 2;

export class FanoutDriver {
  private phase: Phase | undefined;
  private nextSeq = 0;
  private readonly recipient = new Samples(1 << 21);
  private readonly completion = new Samples(1 << 16);

  constructor(private readonly o: FanoutOptions) {
    const n = o.receivers.length;
    const mask = o.needAck ? COMPLETE | ACKED : COMPLETE;
    const retire = (p: Phase, i: number, bit: number) => {
      p.flags[i]! |= bit;
      if (p.flags[i] !== mask) return;
      p.retired++;
      if (p.retired === p.count) p.done();
      else this.pump(p);
    };
    const offsetOf = o.dataOffset ?? dataOffset;
    const readAck = o.readAck ?? readJsonAck;
    const onDelivery = (data: Buffer) => {
      const p = this.phase;
      const off = p ? offsetOf(data) : -1;
      if (!p || off < 0) return;
      const i = readSeq(data, off) - p.base;
      if (i < 0 || i >= p.count) return;
      const t = nowUs();
      p.deliveries++;
      p.tLast = t;
      if (p.record) this.recipient.push(t - readTs(data, off));
      if (++p.perMessage[i]! !== n) return;
      if (p.record) this.completion.push(t - readTs(data, off));
      retire(p, i, COMPLETE);
    };
    for (const ws of o.receivers) ws.on('message', onDelivery);
    o.publisher.on('message', (data: Buffer) => {
      const p = this.phase;
      if (!p || !o.needAck) return;
      const m = readAck(data);
      if (!m) return;
      const i = m.ackId - p.base;
      if (i < 0 || i >= p.count) return;
      p.acks++;
      if (!m.success) p.ackFailures++;
      retire(p, i, ACKED);
    });
  }

  private pump(p: Phase): void {
    while (p.sent < p.count && p.sent - p.retired < this.o.window) {
      this.o.publisher.send(this.o.frame(p.base + p.sent, nowUs()));
      p.sent++;
    }
  }

  /** Sends `count` messages through the window; `record` keeps latency samples. */
  async run(count: number, record: boolean): Promise<FanoutResult> {
    const cpu = new CpuMeter();
    this.recipient.reset();
    this.completion.reset();
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    const p: Phase = {
      base: this.nextSeq,
      count,
      sent: 0,
      retired: 0,
      deliveries: 0,
      acks: 0,
      ackFailures: 0,
      perMessage: new Uint32Array(count),
      flags: new Uint8Array(count),
      tLast: 0,
      record,
      done,
    };
    this.nextSeq += count;
    this.phase = p;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>(
      (r) => (timer = setTimeout(() => r('timeout'), this.o.timeoutMs)),
    );
    const t0 = nowUs();
    this.pump(p);
    const outcome = await Promise.race([finished.then(() => 'done' as const), timeout]);
    clearTimeout(timer);
    this.phase = undefined;
    const seconds = ((p.tLast || nowUs()) - t0) / 1e6;
    return {
      messages: count,
      deliveries: p.deliveries,
      expected: count * this.o.receivers.length,
      seconds,
      deliveriesPerSec: p.deliveries / seconds,
      recipient: this.recipient.summary(),
      completion: this.completion.summary(),
      acks: p.acks,
      ackFailures: p.ackFailures,
      timedOut: outcome === 'timeout',
      clientCpuPct: cpu.read().cpuPct,
    };
  }
}

function readJsonAck(data: Buffer): { ackId: number; success: boolean } | undefined {
  const m = JSON.parse(data.toString('utf8')) as {
    type?: string;
    ackId?: number;
    success?: boolean;
  };
  if (m.type !== 'ack' || m.ackId === undefined) return undefined;
  return { ackId: m.ackId, success: m.success === true };
}
