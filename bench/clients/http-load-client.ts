// Client process: drives an HttpJob with undici (keep-alive Pool, C connections) in a closed loop.
import { Pool } from 'undici';

import { closedLoop } from '../lib/closed-loop';
import { serveControl } from '../lib/control';
import { CpuMeter } from '../lib/cpu';
import type { HttpJob, HttpJobResult } from '../lib/http-load';
import { writeHeader } from '../lib/payload';
import { nowUs } from '../lib/stats';

async function run(job: HttpJob): Promise<HttpJobResult> {
  const pool = new Pool(job.origin, {
    connections: job.concurrency,
    keepAliveTimeout: 60_000,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  const bodies = Array.from({ length: job.concurrency }, () => Buffer.alloc(job.size, 'x'));
  const headers = job.targets.map((t) => ({
    'content-type': job.contentType,
    ...(t.token ? { authorization: `Bearer ${t.token}` } : {}),
  }));
  let seq = 0;
  let warmOps = 0;
  const op = async (w: number) => {
    const i = (w + seq) % job.targets.length;
    const body = bodies[w]!;
    writeHeader(body, 0, seq++, nowUs());
    const res = await pool.request({
      path: job.targets[i]!.path,
      method: 'POST',
      headers: headers[i]!,
      body,
    });
    await res.body.arrayBuffer();
    if (res.statusCode !== job.expectStatus) throw new Error(`status ${res.statusCode}`);
  };
  const cpu = new CpuMeter();
  try {
    const r = await closedLoop({
      concurrency: job.concurrency,
      warm: job.warm,
      measure: job.measure,
      op,
      pauseMs: job.gapMs,
      beforeMeasure: () => {
        warmOps = seq;
        cpu.reset();
        return Promise.resolve();
      },
    });
    const out: HttpJobResult = {
      ops: r.ops,
      errors: r.errors,
      seconds: r.seconds,
      reqPerSec: r.opsPerSec,
      latency: r.latency,
      warmOps,
      startUs: r.startUs,
      clientCpuPct: cpu.read().cpuPct,
    };
    if (r.firstError !== undefined) out.firstError = r.firstError;
    return out;
  } finally {
    await pool.close();
  }
}

serveControl(0, {}, { run: (job) => run(job as HttpJob) });
