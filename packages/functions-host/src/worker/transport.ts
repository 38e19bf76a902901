// How the host reaches its language worker: a child process over IPC (what the real host does, the
// default) or a worker thread. Both carry the same messages with structured cloning (Uint8Array
// bodies survive) and report the worker's exit.
import { fork } from 'node:child_process';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import type { MessageBatch } from './batching';
import { Batcher, isBatch } from './batching';
import type { FromWorker, ToWorker } from './protocol';

export type WorkerMode = 'process' | 'thread';
export const WORKER_MODES: readonly WorkerMode[] = ['process', 'thread'];

export interface WorkerTransport {
  readonly pid: number | undefined;
  send(message: ToWorker): void;
  onMessage(listener: (message: FromWorker) => void): void;
  /** Once, with the exit code (a signal counts as code 1). */
  onExit(listener: (code: number, signal: string | null) => void): void;
  kill(): void;
}

const WORKER_MAIN = path.join(__dirname, 'worker-main.js');

export function spawnWorker(mode: WorkerMode): WorkerTransport {
  const raw = mode === 'thread' ? spawnThread() : spawnProcess();
  // Messages sent in one turn go as one write; batches from the worker are unpacked.
  const batcher = new Batcher<ToWorker>((m) => raw.send(m as ToWorker));
  return {
    get pid() {
      return raw.pid;
    },
    send: (message) => batcher.send(message),
    onMessage: (listener) =>
      raw.onMessage((m) => {
        const received = m as FromWorker | MessageBatch<FromWorker>;
        if (isBatch(received)) for (const one of received.messages) listener(one);
        else listener(received);
      }),
    onExit: (listener) => raw.onExit(listener),
    kill: () => raw.kill(),
  };
}

function spawnProcess(): WorkerTransport {
  const child = fork(WORKER_MAIN, [], {
    serialization: 'advanced',
    // The app's console output is the worker's stdout, shown with the host's.
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // Not the host's debugger or profiler flags: a second process cannot share its port.
    execArgv: process.execArgv.filter((a) => !/^--(inspect|cpu-prof|heap-prof)/.test(a)),
  });
  return {
    pid: child.pid,
    send: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', (m) => listener(m as FromWorker)),
    onExit: (listener) => child.once('exit', (code, signal) => listener(code ?? 1, signal)),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

function spawnThread(): WorkerTransport {
  const worker = new Worker(WORKER_MAIN);
  // An uncaught error ends the thread with an 'error' event before 'exit': the worker already
  // logged it; without a listener it would be rethrown in the host.
  worker.on('error', () => {});
  return {
    pid: undefined,
    send: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', listener),
    onExit: (listener) => worker.once('exit', (code) => listener(code, null)),
    kill: () => void worker.terminate(),
  };
}
