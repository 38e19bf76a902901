// The runner ↔ child-process control protocol (servers and client processes speak the same one).

/** Runner → child: run `cmd` with `arg`, answer with the same id. */
export interface IpcRequest {
  id: number;
  cmd: string;
  arg?: unknown;
}

/** Child → runner: the answer to a request. */
export type IpcReply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** Child → runner, once: the child is listening (servers) or ready for commands (clients). */
export interface IpcReady {
  type: 'ready';
  port: number;
  info: Record<string, unknown>;
}

/** What the `stats` command answers: CPU since the last `cpu-reset`, memory now. */
export interface ProcessStats {
  cpuPct: number;
  userPct: number;
  sysPct: number;
  rss: number;
  heapUsed: number;
  external: number;
}

/** Event-loop delay in ms since `lag-start` (perf_hooks.monitorEventLoopDelay). */
export interface LagStats {
  p50: number;
  p99: number;
  max: number;
  mean: number;
  samples: number;
}
