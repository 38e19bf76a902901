// The host's side of its language worker: starts it, forwards invocations and logs, and when it
// exits unexpectedly fails the invocations in flight, logs the exit and starts a new one, as the
// real host restarts a crashed Node worker (its in-flight invocations fail; the host stays up).
import type { RpcInvocationRequest, RpcInvocationResponse } from '../core/types';
import { HostError } from '../errors';
import type { HostLogger } from '../logger';
import type { FromWorker, LoadedFunction, WorkerInit, WorkerLog } from './protocol';
import type { WorkerMode, WorkerTransport } from './transport';
import { spawnWorker } from './transport';

interface Pending {
  resolve(response: RpcInvocationResponse): void;
  reject(error: Error): void;
}

export interface WorkerStarted {
  functions: LoadedFunction[];
  programmingModel: string | undefined;
}

export class LanguageWorker {
  readonly #pending = new Map<string, Pending>();
  #transport: WorkerTransport | undefined;
  #ready: Promise<void> | undefined;
  #closing = false;
  #restarts = 0;

  constructor(
    private readonly mode: WorkerMode,
    private readonly init: WorkerInit,
    private readonly logger: HostLogger,
  ) {}

  /** The worker process's id (undefined for a thread, or between restarts). */
  get pid(): number | undefined {
    return this.#transport?.pid;
  }

  get restarts(): number {
    return this.#restarts;
  }

  /** Starts the worker and loads the app; throws a HOST_ERR_LOAD HostError when it cannot. */
  async start(): Promise<WorkerStarted> {
    const started = this.#spawn();
    this.#ready = started.then(() => undefined);
    return started;
  }

  /** Runs one invocation in the worker; rejects with a HostError when the worker exits first. */
  async invoke(request: RpcInvocationRequest): Promise<RpcInvocationResponse> {
    await this.#ready;
    const transport = this.#transport;
    if (!transport) throw workerGone('the language worker is not running');
    return new Promise<RpcInvocationResponse>((resolve, reject) => {
      this.#pending.set(request.invocationId, { resolve, reject });
      transport.send({ type: 'invoke', request });
    });
  }

  /** Forgets an invocation the host stopped waiting for (function timeout). */
  abandon(invocationId: string): void {
    this.#pending.delete(invocationId);
  }

  /** Runs the app's appTerminate hooks in the worker, then ends it. */
  async close(): Promise<void> {
    this.#closing = true;
    const transport = this.#transport;
    if (!transport) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5_000);
      transport.onMessage((m) => {
        if (m.type === 'terminated') {
          clearTimeout(timer);
          resolve();
        }
      });
      transport.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
      transport.send({ type: 'terminate' });
    });
    transport.kill();
    this.#transport = undefined;
  }

  #spawn(): Promise<WorkerStarted> {
    const transport = spawnWorker(this.mode);
    this.#transport = transport;
    return new Promise<WorkerStarted>((resolve, reject) => {
      let loaded = false;
      transport.onMessage((message: FromWorker) => {
        switch (message.type) {
          case 'log':
            this.#log(message);
            return;
          case 'loaded':
            loaded = true;
            resolve({ functions: message.functions, programmingModel: message.programmingModel });
            return;
          case 'load-failed':
            transport.kill();
            reject(new HostError('HOST_ERR_LOAD', 500, message.message));
            return;
          case 'result': {
            const pending = this.#pending.get(message.invocationId);
            if (!pending) return;
            this.#pending.delete(message.invocationId);
            if (message.response) pending.resolve(message.response);
            else pending.reject(new Error(message.error ?? 'the function failed'));
            return;
          }
          case 'terminated':
            return;
        }
      });
      transport.onExit((code, signal) => {
        if (this.#transport === transport) this.#transport = undefined;
        if (!loaded) {
          reject(
            new HostError(
              'HOST_ERR_LOAD',
              500,
              `The language worker exited with code ${code} while loading the app.`,
            ),
          );
          return;
        }
        if (this.#closing) return;
        this.#exited(transport.pid, code, signal);
      });
      transport.send(this.init);
    });
  }

  #exited(pid: number | undefined, code: number, signal: string | null): void {
    const how = signal ? `signal ${signal}` : `code ${code} (0x${code.toString(16).toUpperCase()})`;
    const who =
      pid === undefined ? 'Language worker thread' : `Language Worker Process (node, Pid=${pid})`;
    this.logger.error(`${who} exited with ${how}.`);
    const error = workerGone(`the language worker exited with ${how}`);
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
    this.#restarts += 1;
    this.logger.info(
      `Restarting the language worker (node) after it exited (restart ${this.#restarts}).`,
    );
    this.#ready = this.#spawn().then(
      () => this.logger.info(`Language worker restarted${this.pid ? ` (Pid=${this.pid})` : ''}.`),
      (err: unknown) => {
        this.logger.error(`The language worker could not be restarted: ${(err as Error).message}`);
      },
    );
  }

  #log(log: WorkerLog): void {
    const { logger } = this;
    if (log.category === 'user' && log.functionName) {
      logger.app(log.functionName, log.level, log.message);
    } else if (log.level === 'error' || log.level === 'critical') logger.error(log.message);
    else if (log.level === 'warning') logger.warn(log.message);
    else logger.debug(log.message);
  }
}

function workerGone(reason: string): HostError {
  return new HostError('HOST_ERR_WORKER_EXITED', 500, reason);
}
