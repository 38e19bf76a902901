// The offline Functions host: starts the app in a language worker of its own (a child process, as
// the real host runs the Node worker), binds every function the worker reports to an extension (or
// refuses to start, naming the function and type), serves HTTP, and starts the extensions' listeners.
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { adminFunctionsEndpoint } from './admin/functions-endpoint';
import { applyHostJsonOverrides, applySettings, readAppConfig, timeSpanMs } from './app-config';
import { errorMessage, unsupportedBinding } from './errors';
import type {
  ExtensionFactory,
  HostExtension,
  HostServices,
  InputResolver,
  OutputWriter,
  TriggerBinder,
} from './extension';
import { DEFAULT_EXTENSIONS, SYSTEM_KEY_NAMES } from './extensions';
import type { FunctionDefinition } from './functions';
import { defineFunction, RETURN_BINDING } from './functions';
import { homepageExtension } from './http/homepage';
import { httpExtension } from './http/http-extension';
import { Invoker } from './invoker';
import { loadHostKeys } from './keys';
import { consoleHostLogger } from './logger';
import type { HostOptions } from './options';
import { resolveHostOptions } from './options';
import { LanguageWorker } from './worker/language-worker';
import type { WorkerMode } from './worker/transport';

export interface FunctionSummary {
  name: string;
  trigger: string;
  /** What the start-up list prints after the name. */
  description: string;
}

export interface RunningHost {
  /** http://localhost:PORT */
  url: string;
  port: number;
  functions: FunctionSummary[];
  keys: {
    file: string;
    masterKey: string;
    functionKey: string;
    /** By name: `webpubsub_extension` for `/runtime/webhooks/webpubsub?code=`. */
    systemKeys: Record<string, string>;
    created: boolean;
  };
  /** Where the app runs: `process` (the default, as in Azure) or `thread`. */
  worker: {
    mode: WorkerMode;
    /** The worker process's id now (it changes when the worker is restarted); undefined for a thread. */
    pid(): number | undefined;
  };
  /** Stops listeners, waits for in-flight invocations, runs appTerminate hooks. Idempotent. */
  close(): Promise<void>;
}

const DEFAULT_FUNCTION_TIMEOUT_MS = 5 * 60_000;
let running = false;

export async function startHost(options: HostOptions = {}): Promise<RunningHost> {
  // The app's worker has a process of its own, but the settings are this process's environment.
  if (running) throw new Error('One offline host per process: app settings are process.env.');
  running = true;
  try {
    return await start(options);
  } catch (err) {
    running = false;
    throw err;
  }
}

async function start(options: HostOptions): Promise<RunningHost> {
  const o = resolveHostOptions(options);
  const logger = o.logger ?? consoleHostLogger(o.logLevel);
  const config = readAppConfig(o.appRoot);
  applySettings(config.localSettings, o.settings);
  config.hostJson = applyHostJsonOverrides(config.hostJson, process.env);
  const worker = new LanguageWorker(
    o.worker,
    {
      type: 'init',
      appRoot: config.appRoot,
      main: config.main,
      entryFiles: config.entryFiles,
      packageType: config.packageType,
    },
    logger,
  );
  const loaded = await worker.start();
  logger.debug(`Programming model: ${loaded.programmingModel ?? '(none)'}`);
  const app = { unload: () => worker.close() };
  const keys = loadHostKeys(o.keysFile, SYSTEM_KEY_NAMES);
  const inputs = new Map<string, InputResolver>();
  const outputs = new Map<string, OutputWriter>();
  const invoker = new Invoker({
    worker,
    logger,
    timeoutMs: timeSpanMs(config.hostJson.functionTimeout, DEFAULT_FUNCTION_TIMEOUT_MS),
    inputs,
    outputs,
  });

  const server = createServer({ keepAliveTimeout: 65_000 });
  server.listen(o.port, o.host);
  try {
    await once(server, 'listening');
  } catch (err) {
    await app.unload();
    throw new Error(`The host cannot listen on ${o.host}:${o.port}: ${errorMessage(err)}`, {
      cause: err,
    });
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${o.publicHost}:${port}`;
  const services: HostServices = {
    config,
    env: process.env,
    invoker,
    logger,
    keys,
    url: () => url,
  };

  let extensions: HostExtension[] = [];
  let functions: FunctionSummary[];
  try {
    // The host's own endpoints (`/runtime/webhooks/...`) are matched before function routes.
    // The runtime's homepage last: a function routed at `/` wins over it.
    extensions = [
      ...(options.extensions ?? DEFAULT_EXTENSIONS),
      httpExtension,
      homepageExtension,
    ].map((make: ExtensionFactory) => make(services));
    const triggers = new Map<string, TriggerBinder>();
    for (const ext of extensions) {
      for (const [type, t] of Object.entries(ext.triggers ?? {})) triggers.set(type, t);
      for (const [type, r] of Object.entries(ext.inputs ?? {})) inputs.set(type, r);
      for (const [type, w] of Object.entries(ext.outputs ?? {})) outputs.set(type, w);
    }
    const definitions = loaded.functions.map((r) => defineFunction(r, process.env));
    functions = definitions.map((fn) => bindFunction(fn, triggers, inputs, outputs));
    extensions.unshift({
      name: 'admin',
      endpoints: [adminFunctionsEndpoint(services, () => definitions)],
    });
    server.on('request', (req, res) => void route(extensions, req, res, logger));
    for (const ext of extensions) await ext.start?.();
  } catch (err) {
    await stopAll(extensions);
    server.close();
    await app.unload();
    throw err;
  }

  printFunctions(logger, functions, keys.created ? keys.file : undefined);
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    functions,
    keys: {
      file: keys.file,
      masterKey: keys.masterKey,
      functionKey: keys.defaultFunctionKey,
      systemKeys: Object.fromEntries(
        SYSTEM_KEY_NAMES.map((name) => [name, keys.systemKey(name) ?? '']),
      ),
      created: keys.created,
    },
    worker: { mode: o.worker, pid: () => worker.pid },
    close() {
      closing ??= (async () => {
        await stopAll(extensions);
        const closed = new Promise((resolve) => server.close(resolve));
        server.closeIdleConnections();
        await invoker.drain();
        server.closeAllConnections();
        await closed;
        await app.unload();
        running = false;
      })();
      return closing;
    },
  };
}

function bindFunction(
  fn: FunctionDefinition,
  triggers: Map<string, TriggerBinder>,
  inputs: Map<string, InputResolver>,
  outputs: Map<string, OutputWriter>,
): FunctionSummary {
  const trigger = triggers.get(fn.trigger.type);
  if (!trigger) throw unsupportedBinding(fn.name, String(fn.trigger.options.type), 'trigger');
  for (const b of fn.inputs) {
    const resolver = inputs.get(b.type);
    if (!resolver) throw unsupportedBinding(fn.name, String(b.options.type), 'input');
    resolver.validate?.(fn, b);
  }
  for (const b of fn.outputs) {
    if (b.name === RETURN_BINDING && b.type === 'http') continue;
    const writer = outputs.get(b.type);
    if (!writer) throw unsupportedBinding(fn.name, String(b.options.type), 'output');
    writer.validate?.(fn, b);
  }
  trigger.bind(fn);
  return {
    name: fn.name,
    trigger: String(fn.trigger.options.type),
    description: trigger.describe?.(fn) ?? String(fn.trigger.options.type),
  };
}

async function route(
  extensions: HostExtension[],
  req: IncomingMessage,
  res: ServerResponse,
  logger: HostServices['logger'],
) {
  try {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    for (const ext of extensions) {
      if (await ext.frontEnd?.handle(req, res, url)) return;
    }
    for (const ext of extensions) {
      for (const endpoint of ext.endpoints ?? []) {
        if (await endpoint.handle(req, res, url)) return;
      }
    }
    res.statusCode = 404;
    res.end();
  } catch (err) {
    logger.error(`Request ${req.method ?? ''} ${req.url ?? ''} failed: ${errorMessage(err)}`);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  }
}

async function stopAll(extensions: HostExtension[]): Promise<void> {
  await Promise.allSettled(extensions.map(async (e) => e.stop?.()));
}

function printFunctions(
  logger: HostServices['logger'],
  functions: FunctionSummary[],
  newKeysFile: string | undefined,
) {
  const lines = ['', 'Functions:', ''];
  for (const f of functions) lines.push(`        ${f.name}: ${f.description}`, '');
  if (functions.length === 0) lines.push('        (none registered)', '');
  logger.info(lines.join('\n'));
  if (newKeysFile)
    logger.info(
      `Host keys created in ${newKeysFile} (master and default function keys; git-ignored).`,
    );
}
