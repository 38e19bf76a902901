// Server process: the @azure/functions library's own work per invocation (InvocationModel:
// getArguments → invokeFunction → getResponse) on the bench app, with no sockets and no host code
// around it. Any host that runs the library, ours or the real Node worker, pays at least this
// much CPU per invocation: it caps the requests/s one process can reach.
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname } from 'node:path';

import { readAppConfig } from '../../packages/functions-host/src/app-config';
import { CoreApi } from '../../packages/functions-host/src/core/core-api';
import type {
  CoreInvocationContext,
  ProgrammingModel,
  RpcTypedData,
} from '../../packages/functions-host/src/core/types';
import {
  listHeaders,
  readConnectionContext,
} from '../../packages/functions-host/src/webpubsub/connection-context';
import { buildEvent } from '../../packages/functions-host/src/webpubsub/event-request';
import { toTriggerEvent } from '../../packages/functions-host/src/webpubsub/trigger-data';
import type { WebPubSubListener } from '../../packages/functions-host/src/webpubsub/triggers';
import { loadApp } from '../../packages/functions-host/src/worker/app-loader';
import { serveControl } from '../lib/control';
import type { LibraryMeasure, LibraryResult } from '../lib/library-ceiling';
import { toNativeAsync } from '../lib/native-async';

const core = new CoreApi(() => undefined);
let loaded: Promise<unknown> | undefined;

interface Invocation {
  /** The trigger's data and the trigger metadata, as the host hands them to the library. */
  trigger: RpcTypedData;
  triggerMetadata: Record<string, RpcTypedData>;
}

/** What the HTTP extension hands the library for a 100-byte POST to /api/echo. */
function httpInvocation(size: number): Invocation {
  const body = Buffer.alloc(size, 'x');
  const http = {
    method: 'POST',
    url: 'http://127.0.0.1/api/echo',
    headers: { host: '127.0.0.1', 'content-type': 'text/plain', 'content-length': String(size) },
    query: {},
    params: {},
    body: { bytes: body },
  };
  return { trigger: { http }, triggerMetadata: {} };
}

/** A user event as the emulator sends it, turned into trigger data by the host's own code. */
function webPubSubInvocation(size: number): Invocation {
  const raw = [
    ['Host', '127.0.0.1'],
    ['Content-Type', 'text/plain'],
    ['ce-specversion', '1.0'],
    ['ce-awpsversion', '1.0'],
    ['ce-type', 'azure.webpubsub.user.echo'],
    ['ce-source', '/hubs/bench/client/AbCdEfGhIjKlMnOpQrStUv'],
    ['ce-id', '1'],
    ['ce-time', '2026-01-01T00:00:00Z'],
    ['ce-hub', 'bench'],
    ['ce-connectionId', 'AbCdEfGhIjKlMnOpQrStUv'],
    ['ce-eventName', 'echo'],
    ['ce-signature', `sha256=${'0'.repeat(64)}`],
    ['ce-userId', 'user-1'],
    ['WebHook-Request-Origin', '127.0.0.1'],
  ] as const;
  const headers = Object.fromEntries(raw.map(([k, v]) => [k.toLowerCase(), v]));
  const ctx = readConnectionContext(headers, listHeaders(raw.flat()));
  if (!ctx) throw new Error('the sample upstream headers do not make a connection context');
  const event = buildEvent(ctx, 'user', Buffer.alloc(size, 'x'), 'Text', 'Thumbprint');
  const listener = { argument: 'request', binary: false } as WebPubSubListener;
  const t = toTriggerEvent(event, listener);
  return { trigger: t.data, triggerMetadata: t.triggerMetadata ?? {} };
}

/**
 * The what-if build: the app's own @azure/functions, rewritten to native async and compiled under
 * its own file name (so its requires resolve as before), put where the app's require will find it.
 */
function useNativeAsyncLibrary(appRoot: string): void {
  const file = require.resolve('@azure/functions', { paths: [appRoot] });
  const { code, rewritten } = toNativeAsync(readFileSync(file, 'utf8'));
  if (rewritten === 0) throw new Error(`${file} has no __awaiter calls to rewrite`);
  const lib = new Module(file, module);
  lib.filename = file;
  lib.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
    dirname(file),
  );
  (lib as unknown as { _compile(code: string, file: string): void })._compile(code, file);
  lib.loaded = true;
  require.cache[file] = lib;
}

async function measure(arg: unknown): Promise<LibraryResult> {
  const m = arg as LibraryMeasure;
  if (!loaded && m.build === 'native-async') useNativeAsyncLibrary(m.app);
  const config = readAppConfig(m.app);
  loaded ??= loadApp(
    {
      type: 'init',
      appRoot: config.appRoot,
      main: config.main,
      entryFiles: config.entryFiles,
      packageType: config.packageType,
    },
    core,
  );
  await loaded;
  const model = core.getProgrammingModel() as ProgrammingModel;
  const { trigger, triggerMetadata } =
    m.kind === 'http' ? httpInvocation(m.size) : webPubSubInvocation(m.size);
  const reg = core.registrations.find((r) => r.metadata.name === m.functionName);
  if (!reg) throw new Error(`the app has no function '${m.functionName}'`);
  const [triggerName] = Object.entries(reg.metadata.bindings).find(([, b]) =>
    String(b.type).toLowerCase().endsWith('trigger'),
  )!;
  const inputData = [{ name: triggerName, data: trigger }];
  const invoke = async () => {
    const coreCtx: CoreInvocationContext = {
      invocationId: 'bench',
      request: { invocationId: 'bench', functionId: reg.functionId, inputData, triggerMetadata },
      metadata: reg.metadata,
      state: undefined,
      log: () => undefined,
    };
    const im = await model.getInvocationModel(coreCtx);
    const { context, inputs } = await im.getArguments();
    const result = await im.invokeFunction(context, inputs, reg.callback);
    return im.getResponse(context, result);
  };
  // Both builds must answer alike for their costs to be comparable.
  const response = JSON.stringify(await invoke());
  const run = async (ms: number) => {
    const until = performance.now() + ms;
    let n = 0;
    while (performance.now() < until) {
      for (let i = 0; i < 100; i++) await invoke();
      n += 100;
    }
    return n;
  };
  await run(m.warmMs);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const invocations = await run(m.measureMs);
  const wallMs = performance.now() - t0;
  const used = process.cpuUsage(cpu0);
  return {
    invocations,
    wallUsPerInvocation: (wallMs * 1000) / invocations,
    cpuUsPerInvocation: (used.user + used.system) / invocations,
    response,
  };
}

serveControl(0, {}, { measure });
