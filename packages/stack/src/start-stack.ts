// The stack as a library: starts Azurite and the emulator, then the host (or `func start`) with
// settings pointing at them, configures the emulator's hubs from the app's own triggers, and hands
// back where everything answers. Ports may be 0 (any free port): each part says where it listens.
// Used by the `wps-stack` CLI (fixed ports, output echoed) and the test kit (free ports, quiet).
import type { HubSettings } from '@wps-local/emulator';
import { EmulatorManagementClient } from '@wps-local/emulator';

import type { AppSettings } from './app-settings';
import { readAppSettings } from './app-settings';
import { startAzurite } from './azurite';
import type { Launched, SupervisedChild } from './child';
import type { StorageEndpoints } from './connection-strings';
import {
  emulatorAccessKey,
  storageConnectionString,
  storageEndpoints,
  webPubSubConnectionString,
} from './connection-strings';
import { startEmulatorProcess } from './emulator';
import { noFunctions } from './errors';
import { startFunc } from './func';
import { listFunctions } from './functions-list';
import type { HostKeys } from './host';
import { startHostProcess } from './host';
import type { ListedFunction } from './hubs-from-app';
import { hubsFromApp } from './hubs-from-app';
import type { StackLog } from './log';
import { onAbort } from './on-abort';
import type { StackLogLevel } from './options';
import { stackPaths } from './paths';

/** The Web PubSub extension's webhook on the Functions host (offline host and func alike). */
export const WEBHOOK_PATH = '/runtime/webhooks/webpubsub';
/** How long each child gets to stop after SIGTERM before it is killed. */
export const STOP_TIMEOUT_MS = 10_000;

export interface StartStackOptions {
  /** The Function App folder (host.json, package.json, local.settings.json). */
  appRoot: string;
  /** Host port, emulator port, Azurite blob port (queue and table follow it); 0 = any free. */
  port: number;
  emulatorPort: number;
  storagePort: number;
  /** Azurite's data folder; with `inMemoryStorage` only its scratch folder. */
  storageDir: string;
  inMemoryStorage?: boolean;
  /** App settings for the host that win over local.settings.json (and over the stack's own). */
  settings?: Record<string, string>;
  /** Hub settings that add to or replace those derived from the app. */
  hubs?: Record<string, HubSettings>;
  /** The emulator's access key (default: EMULATOR_ACCESS_KEY, else the well-known local key). */
  accessKey?: string;
  /** The offline host's local sign-in (`/.auth/login/aad`), standing in for App Service
   * Authentication: it drops principal headers that clients send themselves (default true; tests
   * that send `x-ms-client-principal*` headers themselves, as under func start, turn it off). */
  localAuth?: boolean;
  /** The offline host's keys file (default `<app>/.host-keys/host.json`, as the CLI keeps it). */
  keysFile?: string;
  /** `func` to run instead of the offline host (Azure Functions Core Tools). */
  func?: string;
  logLevel: StackLogLevel;
  /** Print the children's output lines as they come (the CLI does; the test kit does not). */
  echo: boolean;
  log: StackLog;
  /** Aborting it while the stack starts stops what has started and rejects with its reason. */
  signal?: AbortSignal;
}

export interface StackUrls {
  /** http://localhost:PORT, the Functions host. */
  host: string;
  /** Base of the HTTP functions: `/<routePrefix>/` (just `/` when host.json says ""). */
  api: string;
  emulator: string;
  /** The emulator's inspector page: live state, traffic, actions and faults. */
  inspector: string;
  /** The host's Web PubSub webhook, without its key. */
  webhook: string;
  storage: StorageEndpoints;
}

export interface RunningStack {
  app: AppSettings;
  urls: StackUrls;
  accessKey: string;
  /** The settings the app runs with: `WebPubSubConnectionString`, `AzureWebJobsStorage`, ... */
  settings: Record<string, string>;
  /** The offline host's keys; `func start` enforces none locally. */
  keys: HostKeys | undefined;
  functions: ListedFunction[];
  /** The hubs given to the emulator, by name. */
  hubs: Record<string, HubSettings>;
  /** Aborts when a part exits on its own, with the reason (what it printed last). */
  failed: AbortSignal;
  /** Stops the host and starts it again (a rebuilt app), then configures the hubs again. */
  restartHost(): Promise<void>;
  /**
   * A crash and its recovery: SIGKILL to the host's process group (the host and its language worker,
   * no cleanup), then the host started again on the same port, its hubs configured again.
   */
  killHost(): Promise<void>;
  /** The host's pid (its process group's id on POSIX: the group holds its language worker). */
  readonly hostPid: number | undefined;
  /** What a part printed last (for a failed test's report). */
  lastLines(part: 'azurite' | 'emulator' | 'host' | 'func'): readonly string[];
  /** Stops everything, host first; bounded and idempotent. */
  close(): Promise<void>;
}

export async function startStack(o: StartStackOptions): Promise<RunningStack> {
  const paths = stackPaths(o.appRoot);
  const app = readAppSettings(o.appRoot);
  const accessKey = o.accessKey ?? emulatorAccessKey();
  const children: SupervisedChild[] = [];
  /** Children stopped on purpose (a restarted host): their exit is no failure. */
  const retired = new Set<SupervisedChild>();
  const failure = new AbortController();
  let closing: Promise<void> | undefined;
  let started = false;
  const { signal } = o;
  if (signal) onAbort(signal, () => started || failure.abort(signal.reason));

  const launch = async <T>(what: string, start: () => Launched & { ready: Promise<T> }) => {
    failure.signal.throwIfAborted();
    o.log.info(`starting ${what}`);
    const { child, ready } = start();
    children.push(child);
    o.log.debug(`${child.name} has pid ${child.child.pid ?? '(none)'}`);
    void child.exited.then((exit) => {
      if (!closing && !retired.has(child)) failure.abort(child.exitError(exit));
    });
    return { child, value: await ready };
  };
  const close = () =>
    (closing ??= (async () => {
      for (const child of [...children].reverse()) {
        if (!child.running) continue;
        o.log.info(`stopping ${child.name}`);
        const clean = await child.stop(STOP_TIMEOUT_MS);
        if (!clean) o.log.error(`${child.name} did not stop within ${STOP_TIMEOUT_MS / 1000} s`);
      }
    })());

  try {
    const [azurite, emulator] = await Promise.all([
      launch(
        `Azurite${o.storagePort ? ` on ports ${o.storagePort}-${o.storagePort + 2}` : ''}`,
        () =>
          startAzurite(
            {
              cli: paths.azuriteCli,
              blobPort: o.storagePort,
              location: o.storageDir,
              inMemory: o.inMemoryStorage ?? false,
              echo: o.echo && (o.logLevel === 'debug' || o.logLevel === 'info'),
            },
            failure.signal,
          ),
      ),
      launch(`the Web PubSub emulator${o.emulatorPort ? ` on port ${o.emulatorPort}` : ''}`, () =>
        startEmulatorProcess(
          {
            cli: paths.emulatorCli,
            port: o.emulatorPort,
            accessKey,
            logLevel: o.logLevel,
            echo: o.echo,
          },
          failure.signal,
        ),
      ),
    ]);
    const storage = storageEndpoints(azurite.value);
    const settings: Record<string, string> = {
      WebPubSubConnectionString: webPubSubConnectionString(emulator.value.port, accessKey),
      AzureWebJobsStorage: storageConnectionString(storage),
      ...o.settings,
    };
    const management = new EmulatorManagementClient(
      `http://localhost:${emulator.value.port}`,
      accessKey,
    );
    const startHost = async (port = o.port) => {
      const hostOptions = { appRoot: o.appRoot, port, settings };
      if (o.func) {
        const func = o.func;
        const { child } = await launch(`func start on port ${port}`, () =>
          startFunc({ executable: func, ...hostOptions, echo: o.echo }, failure.signal),
        );
        return { child, port, keys: undefined };
      }
      const { child, value } = await launch(
        `the offline Functions host${port ? ` on port ${port}` : ''}`,
        () =>
          startHostProcess(
            {
              cli: paths.hostCli,
              ...hostOptions,
              ...(o.keysFile ? { keysFile: o.keysFile } : {}),
              localAuth: o.localAuth ?? true,
              logLevel: o.logLevel,
              echo: o.echo,
            },
            failure.signal,
          ),
      );
      return { child, port: value.port, keys: value.keys };
    };
    let host = await startHost();
    const urls = (): StackUrls => {
      const hostUrl = `http://localhost:${host.port}`;
      return {
        host: hostUrl,
        api: app.routePrefix ? `${hostUrl}/${app.routePrefix}/` : `${hostUrl}/`,
        emulator: `http://localhost:${emulator.value.port}`,
        inspector: emulator.value.inspectorUrl,
        webhook: `${hostUrl}${WEBHOOK_PATH}`,
        storage,
      };
    };
    /** Reads the app's functions from the host and gives the emulator the hubs they name. */
    const configureHubs = async () => {
      const functions = await listFunctions(urls().host, host.keys?.masterKey, failure.signal);
      if (functions.length === 0) throw noFunctions(o.appRoot, app.main);
      // As in Azure, the webhook is called with the extension's system key; func start checks none.
      const systemKey = host.keys?.systemKeys.webpubsub_extension;
      const webhook = systemKey
        ? `${urls().webhook}?code=${encodeURIComponent(systemKey)}`
        : urls().webhook;
      const setting = (name: string) => settings[name] ?? process.env[name] ?? app.values[name];
      const hubs = { ...hubsFromApp(functions, setting, webhook), ...o.hubs };
      for (const [hub, hubSettings] of Object.entries(hubs)) {
        await management.configureHub(hub, hubSettings);
      }
      return { functions, hubs };
    };
    let configured = await configureHubs();
    started = true;
    const running: RunningStack = {
      app,
      accessKey,
      settings,
      get urls() {
        return urls();
      },
      get keys() {
        return host.keys;
      },
      get hostPid() {
        return host.child.child.pid;
      },
      get functions() {
        return configured.functions;
      },
      get hubs() {
        return configured.hubs;
      },
      failed: failure.signal,
      async restartHost() {
        retired.add(host.child);
        await host.child.stop(STOP_TIMEOUT_MS);
        host = await startHost();
        configured = await configureHubs();
      },
      async killHost() {
        retired.add(host.child);
        await host.child.kill(STOP_TIMEOUT_MS);
        host = await startHost(host.port);
        configured = await configureHubs();
      },
      lastLines: (part) => children.findLast((c) => c.name === part)?.lastLines() ?? [],
      close,
    };
    return running;
  } catch (err) {
    await close();
    throw err;
  }
}
