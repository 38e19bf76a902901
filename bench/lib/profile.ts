// Optional CPU profile of a server process: with BENCH_CPU_PROF=<dir> in the environment, the
// process records a V8 CPU profile (node:inspector) and writes <dir>/<name>-<pid>.cpuprofile on exit.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

export interface Profiler {
  stop(): Promise<void>;
}

export function startProfiler(name: string): Profiler | undefined {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return undefined;
  const session = new Session();
  session.connect();
  const post = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))),
    );
  const started = post('Profiler.enable')
    .then(() => post('Profiler.setSamplingInterval', { interval: 200 }))
    .then(() => post('Profiler.start'));
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        await started;
        const { profile } = (await post('Profiler.stop')) as { profile: unknown };
        mkdirSync(dir, { recursive: true });
        const file = path.join(dir, `${name}-${process.pid}.cpuprofile`);
        writeFileSync(file, JSON.stringify(profile));
        session.disconnect();
      })();
      return stopping;
    },
  };
}
