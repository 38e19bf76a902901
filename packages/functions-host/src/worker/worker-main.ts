// The language worker's entry point, in a child process (IPC) or a worker thread: loads the app
// through our `@azure/functions-core`, answers invocations, runs appTerminate hooks on request.
// Like azure-functions-nodejs-worker src/Worker.ts, an uncaught exception (or an unhandled
// rejection, which Node raises as one) is logged to the host and ends the worker.
import { parentPort } from 'node:worker_threads';

import type { Registration } from '../core/core-api';
import { CoreApi } from '../core/core-api';
import { applyLogHooks } from '../core/hooks';
import { errorMessage } from '../errors';
import type { LoadedApp } from './app-loader';
import { loadApp } from './app-loader';
import type { MessageBatch } from './batching';
import { Batcher, isBatch } from './batching';
import { invoke } from './invocation';
import type { FromWorker, ToWorker, WorkerInit, WorkerLog } from './protocol';

type Write = (message: FromWorker | MessageBatch<FromWorker>, done?: () => void) => void;

const write: Write = parentPort
  ? (message, done) => {
      parentPort?.postMessage(message);
      done?.();
    }
  : (message, done) => {
      if (!process.connected) return done?.();
      process.send?.(message, undefined, undefined, () => done?.());
    };
// Messages sent in one turn of the event loop go to the host as one write.
const batcher = new Batcher<FromWorker>(
  (m) => write(m),
  (m, err) => {
    if (m.type === 'result') {
      write({
        type: 'result',
        invocationId: m.invocationId,
        error: `The function's response cannot be sent to the host: ${errorMessage(err)}`,
      });
    }
  },
);
const send = (message: FromWorker) => batcher.send(message);

// A worker process never outlives its host: the IPC channel closes when the host goes away.
if (!parentPort) process.once('disconnect', () => process.exit(0));

const onMessage = (listener: (message: ToWorker) => void) => {
  const receive = (m: ToWorker | MessageBatch<ToWorker>) => {
    if (isBatch(m)) for (const one of m.messages) listener(one);
    else listener(m);
  };
  if (parentPort) parentPort.on('message', receive);
  else process.on('message', receive);
};

let app: LoadedApp | undefined;
const functions = new Map<string, Registration>();
const core = new CoreApi((level, category, message) =>
  sendLog({ type: 'log', level, category, message }),
);

function sendLog(log: WorkerLog): void {
  // Logs outside invocations still go through the log hooks (changes apply to user logs only).
  const hooked = log.invocationId
    ? log
    : {
        ...log,
        ...applyLogHooks(core, log, {
          hookData: {},
          appHookData: app?.appHookData ?? {},
          invocationContext: undefined,
        }),
      };
  send(hooked);
}

process.on('uncaughtException', (err) => {
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  // Written now, after whatever is queued, then the worker ends.
  batcher.flush();
  write(
    {
      type: 'log',
      level: 'error',
      category: 'system',
      message: `Worker uncaught exception: ${message}`,
    },
    () => process.exit(1),
  );
});

async function start(init: WorkerInit): Promise<void> {
  try {
    app = await loadApp(init, core);
  } catch (err) {
    send({ type: 'load-failed', message: errorMessage(err) });
    return;
  }
  for (const r of core.registrations) functions.set(r.functionId, r);
  send({
    type: 'loaded',
    programmingModel: app.programmingModel,
    // Metadata as data (the host never sees callbacks).
    functions: core.registrations.map((r) => ({
      functionId: r.functionId,
      metadata: JSON.parse(JSON.stringify(r.metadata)) as Registration['metadata'],
    })),
  });
}

onMessage((message) => {
  switch (message.type) {
    case 'init':
      void start(message);
      return;
    case 'invoke': {
      const { request } = message;
      const registration = functions.get(request.functionId);
      if (!registration || !app) {
        send({
          type: 'result',
          invocationId: request.invocationId,
          error: `Function code for '${request.functionId}' is not loaded and cannot be invoked.`,
        });
        return;
      }
      const { invocationId } = request;
      invoke(core, registration, request, app.appHookData, sendLog).then(
        (response) => send({ type: 'result', invocationId, response }),
        (err: unknown) => send({ type: 'result', invocationId, error: errorMessage(err) }),
      );
      return;
    }
    case 'terminate':
      void (app?.unload() ?? Promise.resolve())
        .catch((err: unknown) =>
          sendLog({
            type: 'log',
            level: 'error',
            category: 'system',
            message: `appTerminate hook failed: ${errorMessage(err)}`,
          }),
        )
        .finally(() => send({ type: 'terminated' }));
      return;
  }
});
