// HTTP load from a separate client process (so the runner's WebSocket receivers never slow the
// caller down): the job description, its result, and the runner-side call.
import type { BenchContext } from './context';
import type { Summary } from './stats';

export interface HttpTarget {
  /** Path with query, e.g. /api/hubs/bench/users/u1/:send?api-version=… */
  path: string;
  /** Bearer token for this path, when the server wants one. */
  token?: string;
}

export interface HttpJob {
  origin: string;
  targets: HttpTarget[];
  contentType: string;
  /** Body bytes; each body starts with a payload header (seq, send time). */
  size: number;
  concurrency: number;
  warm: { ms: number; ops?: number };
  measure: { ms: number; ops?: number };
  /** Idle pause after each request, per worker (0 = back to back). */
  gapMs: number;
  expectStatus: number;
}

export interface HttpJobResult {
  ops: number;
  errors: number;
  firstError?: string;
  seconds: number;
  reqPerSec: number;
  /** µs */
  latency: Summary;
  /** Requests sent before the measured phase (their seq numbers are 0..warmOps-1). */
  warmOps: number;
  startUs: number;
  clientCpuPct: number;
}

/** Runs `job` in a fresh client process and returns what it measured. */
export async function runHttpJob(ctx: BenchContext, job: HttpJob): Promise<HttpJobResult> {
  const client = await ctx.start('clients', 'http-load-client');
  try {
    // Generous: a slow server stretches ops-bounded phases past their nominal time.
    const budget = job.warm.ms + 2 * job.measure.ms + 20_000;
    return await client.call<HttpJobResult>('run', job, budget);
  } finally {
    await ctx.stop(client);
  }
}
