// Timing and statistics: a monotonic microsecond clock valid across processes, latency samples, medians.

/** CLOCK_MONOTONIC in µs: the same clock in every process on the machine. */
export function nowUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface Summary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** A bounded buffer of samples (extra samples are counted, not kept). */
export class Samples {
  private readonly buf: Float64Array;
  private n = 0;
  private dropped = 0;

  constructor(capacity = 1 << 20) {
    this.buf = new Float64Array(capacity);
  }

  push(value: number): void {
    if (this.n < this.buf.length) this.buf[this.n++] = value;
    else this.dropped++;
  }

  reset(): void {
    this.n = 0;
    this.dropped = 0;
  }

  summary(): Summary {
    const n = this.n;
    if (n === 0) return { count: 0, p50: NaN, p90: NaN, p99: NaN, max: NaN, mean: NaN };
    const a = this.buf.slice(0, n).sort();
    const q = (p: number) => a[Math.min(n - 1, Math.floor((p / 100) * n))]!;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += a[i]!;
    return {
      count: n + this.dropped,
      p50: q(50),
      p90: q(90),
      p99: q(99),
      max: a[n - 1]!,
      mean: sum / n,
    };
  }
}

/** Median of the finite numbers in `xs` (NaN when there are none). */
export function median(xs: readonly (number | undefined)[]): number {
  const a = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  if (a.length === 0) return NaN;
  a.sort((x, y) => x - y);
  const mid = a.length >> 1;
  return a.length % 2 ? a[mid]! : (a[mid - 1]! + a[mid]!) / 2;
}

export function round(x: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
