// The runner's handle on one forked child (a server or a client process): wait until ready,
// send commands, read stats, and stop it — politely, then by its own pid if it will not go.
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import path from 'node:path';

import type { IpcReady, IpcReply, LagStats, ProcessStats } from './ipc';

export type ChildKind = 'servers' | 'clients';

export interface ChildOptions {
  /** Start with --expose-gc so `gc()` can be asked for before memory readings. */
  exposeGc?: boolean;
  readyTimeoutMs?: number;
}

export class Child {
  readonly port: number;
  readonly info: Record<string, unknown>;
  private nextId = 1;
  private readonly pending = new Map<number, (r: IpcReply) => void>();
  private exited = false;

  private constructor(
    readonly name: string,
    private readonly proc: ChildProcess,
    ready: IpcReady,
  ) {
    this.port = ready.port;
    this.info = ready.info;
    proc.on('message', (m: IpcReply) => {
      const resolve = this.pending.get(m.id);
      if (!resolve) return;
      this.pending.delete(m.id);
      resolve(m);
    });
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  /** Forks dist/bench/<kind>/<name>.js and waits for its `ready` message. */
  static async start(kind: ChildKind, name: string, options: ChildOptions = {}): Promise<Child> {
    const script = path.join(__dirname, '..', kind, `${name}.js`);
    const proc = fork(script, [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: options.exposeGc ? ['--expose-gc'] : [],
    });
    const ready = await new Promise<IpcReady>((resolve, reject) => {
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error(`${name} did not start in time`));
      }, options.readyTimeoutMs ?? 10_000);
      proc.on('message', (m: IpcReady) => {
        if (m.type !== 'ready') return;
        clearTimeout(timer);
        resolve(m);
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited (${code}) before it was ready`));
      });
    });
    const child = new Child(name, proc, ready);
    proc.once('exit', () => {
      child.exited = true;
      for (const resolve of child.pending.values())
        resolve({ id: 0, ok: false, error: `${name} exited` });
      child.pending.clear();
    });
    return child;
  }

  call<T = unknown>(cmd: string, arg?: unknown, timeoutMs = 15_000): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`${this.name} has exited`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: '${cmd}' timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, (r) => {
        clearTimeout(timer);
        if (r.ok) resolve(r.result as T);
        else reject(new Error(`${this.name}: ${cmd}: ${r.error}`));
      });
      this.proc.send({ id, cmd, arg });
    });
  }

  stats(): Promise<ProcessStats> {
    return this.call<ProcessStats>('stats');
  }

  async cpuReset(): Promise<void> {
    await this.call('cpu-reset');
  }

  lagStart(): Promise<unknown> {
    return this.call('lag-start');
  }

  lagRead(): Promise<LagStats> {
    return this.call<LagStats>('lag-read');
  }

  /** Two collections a little apart, so memory readings compare like with like. */
  async gc(): Promise<void> {
    await this.call('gc');
    await new Promise((r) => setTimeout(r, 100));
    await this.call('gc');
  }

  /** Asks the child to exit; kills this child (by its pid, SIGKILL) if it has not in 3 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    await this.call('exit', undefined, 3000).catch(() => undefined);
    const timer = setTimeout(() => {
      if (!this.exited) this.proc.kill('SIGKILL');
    }, 3000);
    await gone;
    clearTimeout(timer);
  }
}
