// One supervised child process: its output echoed line by line under its name, its last lines kept
// for crash reports, readiness awaited with a deadline, and a bounded stop (SIGTERM, then SIGKILL).
import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

import { childExited, notReady } from './errors';
import { onAbort } from './on-abort';
import { OutputLines } from './output-lines';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ChildOptions {
  name: string;
  /** Print the child's lines, prefixed with its name, as they come. */
  echo: boolean;
  /** Stop the child's whole process tree (on POSIX it must be spawned detached, as a group
   * leader): for `func`, whose host and workers are its own children. */
  group?: boolean;
}

/** A child that has been started, and the wait for it to be ready (the launcher's own check). */
export interface Launched {
  child: SupervisedChild;
  ready: Promise<unknown>;
}

/** After `exit`, how long to wait for the rest of the output (a grandchild may hold the pipes). */
const DRAIN_MS = 1000;

export class SupervisedChild {
  /** Resolves once the child has exited, for any reason, and its output is read. */
  readonly exited: Promise<ChildExit>;
  private readonly lines = new OutputLines();
  private exit: ChildExit | undefined;

  constructor(
    readonly child: ChildProcess,
    readonly options: ChildOptions,
  ) {
    this.read(child.stdout, process.stdout);
    this.read(child.stderr, process.stderr);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        const done = () => resolve({ code, signal });
        setTimeout(done, DRAIN_MS).unref();
        child.once('close', done);
      });
      child.once('error', (err) => {
        // Only a failed spawn leaves no pid; later errors (a failed kill) change nothing.
        if (child.pid !== undefined) return;
        this.lines.push(`could not start: ${err.message}`);
        this.exit = { code: null, signal: null };
        resolve(this.exit);
      });
    });
  }

  get name(): string {
    return this.options.name;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  lastLines(): readonly string[] {
    return this.lines.last();
  }

  /** The StackError that says this child exited, how, and what it printed last. */
  exitError(exit: ChildExit, when = 'exited unexpectedly'): Error {
    const how = exit.signal
      ? `${when} (killed by ${exit.signal})`
      : `${when} (exit code ${exit.code ?? 'unknown'})`;
    return childExited(this.name, how, this.lines.last());
  }

  /**
   * Resolves with what `probe` finds. Rejects with a StackError if the child exits first or
   * `timeoutMs` passes, or with `stop.reason` once `stop` aborts. `probe` gets a signal that aborts
   * as soon as the wait is over, whatever ended it.
   */
  ready<T>(
    waitingFor: string,
    timeoutMs: number,
    stop: AbortSignal,
    probe: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const over = new AbortController();
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([stop, deadline, over.signal]);
    return new Promise<T>((resolve, reject) => {
      const fail = (err: unknown) => {
        over.abort();
        reject(err instanceof Error ? err : new Error(String(err)));
      };
      probe(signal).then((value) => {
        over.abort();
        resolve(value);
      }, fail);
      void this.exited.then((exit) => fail(this.exitError(exit, 'exited before it was ready')));
      onAbort(signal, () => {
        if (stop.aborted) fail(stop.reason);
        else if (deadline.aborted) fail(notReady(this.name, waitingFor, timeoutMs));
      });
    });
  }

  /** Resolves with the first line, among the last ones or from now on, that matches `pattern`. */
  waitForLine(pattern: RegExp, signal: AbortSignal): Promise<RegExpExecArray> {
    return this.lines.waitFor(pattern, signal);
  }

  /** SIGTERM, then SIGKILL after `timeoutMs`. Resolves true if the child stopped on its own. */
  async stop(timeoutMs: number): Promise<boolean> {
    // A group may outlive its leader (func's host and workers): signal it even then.
    if (this.running || this.options.group) this.signal('SIGTERM');
    if (await within(this.exited, timeoutMs)) return true;
    this.signal('SIGKILL');
    await within(this.exited, timeoutMs);
    return false;
  }

  /**
   * SIGKILL to the child's whole process group (a crash: no cleanup runs, its own children such as
   * the host's language worker die with it); resolves once it has exited. The child must have been
   * spawned detached (a group leader) on POSIX; Windows ends the tree.
   */
  async kill(timeoutMs: number): Promise<void> {
    const pid = this.child.pid;
    try {
      if (pid === undefined) this.child.kill('SIGKILL');
      else if (process.platform === 'win32') spawnSync('taskkill', ['/pid', `${pid}`, '/T', '/F']);
      else process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone (ESRCH).
    }
    await within(this.exited, timeoutMs);
  }

  private signal(name: NodeJS.Signals): void {
    const pid = this.child.pid;
    try {
      if (!this.options.group || pid === undefined) this.child.kill(name);
      // Windows has no process groups or SIGTERM: end the whole tree.
      else if (process.platform === 'win32') spawnSync('taskkill', ['/pid', `${pid}`, '/T', '/F']);
      else process.kill(-pid, name);
    } catch {
      // Already gone (ESRCH): nothing to stop.
    }
  }

  private read(stream: Readable | null, echoTo: NodeJS.WriteStream): void {
    if (!stream) return;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      if (this.options.echo) echoTo.write(`[${this.name}] ${line}\n`);
      this.lines.push(line);
    });
  }
}

async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(resolve, ms, false)));
  try {
    return await Promise.race([promise.then(() => true as const), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
