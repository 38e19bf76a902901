// Client process: REST sends at fixed rates (open loop) from undici, several streams at once, each
// request's body carrying its seq and send time; reports per-stream counts and response times.
import { Pool } from 'undici';

import { serveControl } from '../lib/control';
import { CpuMeter } from '../lib/cpu';
import type { PacedJob, PacedResult, PacedStream, PacedStreamResult } from '../lib/paced';
import { paced } from '../lib/paced';
import { makeData } from '../lib/payload';
import { nowUs, Samples, sleep } from '../lib/stats';

async function runStream(pool: Pool, job: PacedJob, s: PacedStream): Promise<PacedStreamResult> {
  const fromUs = job.startUs + job.warmMs * 1000;
  const untilUs = fromUs + job.measureMs * 1000;
  const samples = new Samples(1 << 20);
  const r = { sent: 0, measuredSent: 0, measuredOk: 0, errors: 0, maxInFlight: 0 };
  let firstError: string | undefined;
  let inFlight = 0;
  const pending = new Set<Promise<void>>();
  const issue = (i: number) => {
    const t0 = nowUs();
    const measured = t0 >= fromUs;
    const target = s.targets[i % s.targets.length]!;
    r.sent++;
    if (measured) r.measuredSent++;
    r.maxInFlight = Math.max(r.maxInFlight, ++inFlight);
    const p = pool
      .request({
        path: target.path,
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${target.token}` },
        body: makeData(s.seqBase + i, t0, job.size),
      })
      .then(async (res) => {
        await res.body.dump();
        if (res.statusCode !== 202) throw new Error(`status ${res.statusCode}`);
        if (measured) {
          r.measuredOk++;
          samples.push(nowUs() - t0);
        }
      })
      .catch((err: unknown) => {
        r.errors++;
        firstError ??= String(err);
      })
      .finally(() => {
        inFlight--;
        pending.delete(p);
      });
    pending.add(p);
  };
  await paced(s.rate, job.startUs, untilUs, issue, (job.rampMs ?? 0) * 1000);
  // Requests still unanswered 15 s after the window count as errors (an overloaded server).
  await Promise.race([Promise.all([...pending]), sleep(15_000)]);
  const unanswered = pending.size;
  if (unanswered) firstError ??= `${unanswered} requests unanswered 15 s after the window`;
  return {
    name: s.name,
    ...r,
    errors: r.errors + unanswered,
    unanswered,
    ...(firstError !== undefined ? { firstError } : {}),
    latency: samples.summary(),
  };
}

async function run(job: PacedJob): Promise<PacedResult> {
  const pool = new Pool(job.origin, {
    connections: job.connections,
    keepAliveTimeout: 60_000,
    headersTimeout: 15_000,
    bodyTimeout: 15_000,
  });
  const cpu = new CpuMeter();
  const fromUs = job.startUs + job.warmMs * 1000;
  const resetAt = setTimeout(() => cpu.reset(), Math.max(0, (fromUs - nowUs()) / 1000));
  try {
    const streams = await Promise.all(job.streams.map((s) => runStream(pool, job, s)));
    return { streams, clientCpuPct: cpu.read().cpuPct };
  } finally {
    clearTimeout(resetAt);
    await pool.destroy();
  }
}

serveControl(0, {}, { run: (job) => run(job as PacedJob) });
