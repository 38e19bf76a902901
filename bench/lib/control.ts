// The child-process end of the control channel: announces readiness, then answers CPU, memory,
// event-loop lag, GC and exit commands, plus the commands the child adds itself.
import type { IntervalHistogram } from 'node:perf_hooks';
import { monitorEventLoopDelay } from 'node:perf_hooks';

import { CpuMeter } from './cpu';
import type { IpcReply, IpcRequest, LagStats, ProcessStats } from './ipc';

export type CommandHandler = (arg: unknown) => unknown;

export function serveControl(
  port: number,
  info: Record<string, unknown>,
  handlers: Record<string, CommandHandler> = {},
  onExit: () => Promise<void> = () => Promise.resolve(),
): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('this script runs as a child of bench/run.js (needs an IPC channel)');
  const cpu = new CpuMeter();
  let lag: IntervalHistogram | undefined;
  const builtIn: Record<string, CommandHandler> = {
    'cpu-reset': () => cpu.reset(),
    stats: (): ProcessStats => {
      const m = process.memoryUsage();
      return { ...cpu.read(), rss: m.rss, heapUsed: m.heapUsed, external: m.external };
    },
    'lag-start': () => {
      lag?.disable();
      lag = monitorEventLoopDelay({ resolution: 1 });
      lag.enable();
    },
    'lag-read': (): LagStats => {
      if (!lag) throw new Error('lag-start first');
      lag.disable();
      const ms = (ns: number) => ns / 1e6;
      return {
        p50: ms(lag.percentile(50)),
        p99: ms(lag.percentile(99)),
        max: ms(lag.max),
        mean: ms(lag.mean),
        samples: lag.count,
      };
    },
    gc: () => {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (!gc) throw new Error('start the child with --expose-gc');
      gc();
    },
    exit: async () => {
      await onExit();
      setTimeout(() => process.exit(0), 20);
    },
  };
  process.on('message', (msg: IpcRequest) => {
    const handler = handlers[msg.cmd] ?? builtIn[msg.cmd];
    const reply = (r: IpcReply) => {
      if (process.connected) send(r);
    };
    if (!handler) {
      reply({ id: msg.id, ok: false, error: `unknown command ${msg.cmd}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(msg.arg))
      .then(
        (result) => reply({ id: msg.id, ok: true, result: result ?? null }),
        (err: unknown) => reply({ id: msg.id, ok: false, error: String(err) }),
      );
  });
  // Never outlive the runner.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port, info });
}
