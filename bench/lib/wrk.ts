// Optional native load generator: runs wrk (when on PATH) with a POST body and headers, parses
// req/s and latency percentiles.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface WrkResult {
  connections: number;
  reqPerSec: number;
  p50Us: number;
  p99Us: number;
  non2xx: number;
}

const lua = (s: string) => JSON.stringify(s); // a JSON string is a valid Lua string literal here

function toUs(text: string): number {
  const m = /([\d.]+)(us|ms|s)/.exec(text);
  if (!m) return NaN;
  const v = Number(m[1]);
  return m[2] === 'us' ? v : m[2] === 'ms' ? v * 1e3 : v * 1e6;
}

/** Runs wrk without blocking the runner (its WebSocket clients must keep reading). */
function exec(file: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    execFile(file, args, { encoding: 'utf8', timeout: timeoutMs }, (_err, stdout) =>
      resolve(stdout),
    );
  });
}

export async function runWrk(
  wrk: string,
  url: string,
  o: { connections: number; seconds: number; headers: Record<string, string>; body: string },
): Promise<WrkResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-wrk-'));
  try {
    const script = path.join(dir, 'post.lua');
    const headers = Object.entries(o.headers).map(([k, v]) => `wrk.headers[${lua(k)}] = ${lua(v)}`);
    writeFileSync(
      script,
      ['wrk.method = "POST"', ...headers, `wrk.body = ${lua(o.body)}`].join('\n'),
    );
    const args = ['-t1', `-c${o.connections}`, '-s', script];
    await exec(wrk, [...args, '-d1s', url], 10_000); // warm-up
    const out = await exec(
      wrk,
      [...args, `-d${o.seconds}s`, '--latency', url],
      (o.seconds + 10) * 1000,
    );
    const pct = (p: number) => toUs(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(out)?.[1] ?? '');
    return {
      connections: o.connections,
      reqPerSec: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN),
      p50Us: pct(50),
      p99Us: pct(99),
      non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
