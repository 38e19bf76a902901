// Closed-loop driver: C workers, each awaiting one operation at a time; a warm-up phase, then a
// measured phase. Each phase ends at its time limit or its operation count, whichever comes first.
import type { Summary } from './stats';
import { nowUs, Samples } from './stats';

export interface PhaseLimit {
  ms: number;
  ops?: number;
}

export interface LoopOptions {
  concurrency: number;
  warm: PhaseLimit;
  measure: PhaseLimit;
  /** One operation of worker `w`; it must settle on its own (ops carry their own timeouts). */
  op: (worker: number) => Promise<void>;
  /** Runs between the phases (reset CPU meters here). */
  beforeMeasure?: () => Promise<void>;
  /** Untimed idle pause after each operation, per worker (paced load). */
  pauseMs?: number;
}

export interface LoopResult {
  ops: number;
  errors: number;
  firstError?: string;
  seconds: number;
  opsPerSec: number;
  /** Operation latency in µs. */
  latency: Summary;
  /** µs clock at the start of the measured phase. */
  startUs: number;
}

export async function closedLoop(o: LoopOptions): Promise<LoopResult> {
  await phase(o, o.warm, undefined);
  await o.beforeMeasure?.();
  const samples = new Samples(1 << 21);
  return phase(o, o.measure, samples);
}

async function phase(o: LoopOptions, limit: PhaseLimit, samples?: Samples): Promise<LoopResult> {
  const maxOps = limit.ops ?? Number.MAX_SAFE_INTEGER;
  let issued = 0;
  let ops = 0;
  let errors = 0;
  let firstError: string | undefined;
  let stop = false;
  const timer = setTimeout(() => (stop = true), limit.ms);
  const startUs = nowUs();
  const worker = async (w: number) => {
    while (!stop && issued < maxOps) {
      issued++;
      const t0 = nowUs();
      try {
        await o.op(w);
      } catch (err) {
        errors++;
        firstError ??= String(err);
        continue;
      }
      ops++;
      samples?.push(nowUs() - t0);
      if (o.pauseMs) await new Promise((r) => setTimeout(r, o.pauseMs));
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, (_, w) => worker(w)));
  clearTimeout(timer);
  const seconds = (nowUs() - startUs) / 1e6;
  const result: LoopResult = {
    ops,
    errors,
    seconds,
    opsPerSec: ops / seconds,
    latency: (samples ?? new Samples(1)).summary(),
    startUs,
  };
  if (firstError !== undefined) result.firstError = firstError;
  return result;
}
