// Open-loop pacing: operation i is issued at its due time whatever happened to earlier ones (a
// slow server makes queues, not a slower sender), checked every 2 ms, until `untilUs`. With a
// ramp, the rate climbs linearly from 0 to `rate` over `rampUs` first.
import type { Summary } from './stats';
import { nowUs, sleep } from './stats';

/** The last operation due `elapsedUs` after the start (operation 0 is due at once). */
export function dueIndex(rate: number, elapsedUs: number, rampUs = 0): number {
  const e = Math.max(0, elapsedUs);
  const ramped = e < rampUs ? (e * e) / (2 * rampUs) : e - rampUs / 2;
  return Math.floor((ramped * rate) / 1e6);
}

export async function paced(
  rate: number,
  startUs: number,
  untilUs: number,
  issue: (i: number) => void,
  rampUs = 0,
): Promise<number> {
  let i = 0;
  while (nowUs() < startUs) await sleep(1);
  for (;;) {
    const now = nowUs();
    if (now >= untilUs) return i;
    const due = dueIndex(rate, now - startUs, rampUs);
    while (i <= due) issue(i++);
    await sleep(2);
  }
}

/** Job of the paced REST client process: streams of POSTs at fixed rates, one shared clock. */
export interface PacedStream {
  name: string;
  rate: number;
  /** Round robin over the targets, one bearer token each. */
  targets: { path: string; token: string }[];
  /** Added to the request index to make the payload's seq (tells streams apart at receivers). */
  seqBase: number;
}

export interface PacedJob {
  origin: string;
  startUs: number;
  warmMs: number;
  /** Part of the warm-up over which the rates climb from 0 (the rest runs at full rate). */
  rampMs?: number;
  measureMs: number;
  size: number;
  connections: number;
  streams: PacedStream[];
}

export interface PacedStreamResult {
  name: string;
  sent: number;
  /** Requests sent in the measured window, and how many of them the server accepted. */
  measuredSent: number;
  measuredOk: number;
  errors: number;
  /** Requests still unanswered 15 s after the window (also counted in errors). */
  unanswered: number;
  firstError?: string;
  /** Request → response, µs, measured window. */
  latency: Summary;
  maxInFlight: number;
}

export interface PacedResult {
  streams: PacedStreamResult[];
  clientCpuPct: number;
}
