// `startLocalStack({ appDir })`: a whole local stack (Azurite in memory, the Web PubSub emulator, the
// offline host running the app) on free ports, for one test file, with what tests need at hand: the
// URLs and connection strings, a ready `WebPubSubServiceClient`, official clients connected as a
// given user or through the app's own negotiate route, `reset()` and `close()`. Framework-free:
// call it from vitest's, jest's or node:test's `before`/`after` hooks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { GenerateClientTokenOptions } from '@azure/web-pubsub';
import { WebPubSubServiceClient } from '@azure/web-pubsub';
import type { WebPubSubClientOptions } from '@azure/web-pubsub-client';
import type { HubSettings, InspectorFaults } from '@wps-local/emulator';
import { EmulatorManagementClient, InspectorClient } from '@wps-local/emulator';
import type { ListedFunction, RunningStack, StackLogLevel } from '@wps-local/stack';
import { stackLog, startStack } from '@wps-local/stack';

import { clearStorage } from './clear-storage';
import type { RecordedClient } from './recorded-client';
import { recordClient } from './recorded-client';

export interface LocalStackOptions {
  /** The Function App folder (host.json, package.json with `main`, local.settings.json), built. */
  appDir: string;
  /** App settings that win over local.settings.json (feature flags, test users, ...). */
  settings?: Record<string, string>;
  /** Hub settings that add to or replace those derived from the app's triggers. */
  hubs?: Record<string, HubSettings>;
  /** The hub `service` and `connect()` use when none is named (default: the `WebPubSubHub`
   * setting, as the extension defaults it, else the first hub the app's triggers name). */
  hub?: string;
  /** The host's local sign-in (App Service Authentication's stand-in, `/.auth/login/aad`). Off by
   * default, as under `func start`: tests may then send `x-ms-client-principal*` headers
   * themselves; on, the host drops such headers, as App Service does. */
  localAuth?: boolean;
  /** The parts' own log level (default `warn`). */
  logLevel?: StackLogLevel;
  /** Print the parts' output as it comes (default false; `lastLines()` keeps the end of it). */
  echo?: boolean;
}

export interface ConnectOptions {
  /** A client access URL from the service SDK, for this user, roles and groups... */
  userId?: string;
  roles?: string[];
  groups?: string[];
  hub?: string;
  /** ...or from the app's own negotiate route (e.g. `api/negotiate`), with these headers. */
  negotiate?: string;
  headers?: Record<string, string>;
  /** The client's options (protocol, auto-reconnect, ...). */
  client?: WebPubSubClientOptions;
  /** Start it before returning (default true). */
  start?: boolean;
}

export interface LocalStack {
  /** The Functions host, e.g. http://localhost:43121 */
  appUrl: string;
  /** Base of the HTTP functions, e.g. http://localhost:43121/api/ */
  apiUrl: string;
  emulatorUrl: string;
  /** The emulator's inspector page (open it in a browser while a test runs). */
  inspectorUrl: string;
  /** The inspector API: live state, the live log (`watch()`), actions. */
  inspector: InspectorClient;
  /** Faults on purpose: `dropConnection`, `closeConnection`, `upstream`, `delivery`,
   * `throttleRest`, `list`, `clear`. reset() clears them. */
  faults: InspectorFaults;
  connectionStrings: { webPubSub: string; storage: string };
  /** Azurite's account endpoints, e.g. http://127.0.0.1:41234/devstoreaccount1 */
  storageUrls: { blob: string; queue: string; table: string };
  keys: { master: string; function: string; webPubSubExtension: string };
  functions: readonly ListedFunction[];
  /** The hubs the emulator was given (from the app's triggers and `hubs`). */
  hubs: readonly string[];
  /** The server SDK for the default hub. */
  service: WebPubSubServiceClient;
  serviceClient(hub: string): WebPubSubServiceClient;
  /** An official client, recorded, started unless asked otherwise; stopped by reset()/close(). */
  connect(options?: ConnectOptions): Promise<RecordedClient>;
  /** GETs an app route and returns the client access URL it answers with (`url`). */
  negotiate(route: string, headers?: Record<string, string>): Promise<string>;
  /** Clears faults, drops every connection and group, empties Azurite's tables and queues. */
  reset(): Promise<void>;
  /** Stops the host and starts it again (after a rebuild), hubs configured again. */
  restartHost(): Promise<void>;
  /** `kill -9` of the host and its language worker (their process group), then the host started
   * again on the same port, hubs configured again: a crash the app must recover from. */
  killHost(): Promise<void>;
  /** The host's pid (on POSIX also its process group's, which holds its language worker). */
  readonly hostPid: number | undefined;
  /** What a part printed last, for a failing test's report. */
  lastLines(part: 'azurite' | 'emulator' | 'host'): readonly string[];
  close(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'wps-test-kit-'));
  const logLevel = options.logLevel ?? 'warn';
  let stack: RunningStack;
  try {
    stack = await startStack({
      appRoot: path.resolve(options.appDir),
      port: 0,
      emulatorPort: 0,
      storagePort: 0,
      storageDir: scratch,
      inMemoryStorage: true,
      localAuth: options.localAuth ?? false,
      keysFile: path.join(scratch, 'host-keys.json'),
      ...(options.settings ? { settings: options.settings } : {}),
      ...(options.hubs ? { hubs: options.hubs } : {}),
      logLevel,
      echo: options.echo ?? false,
      log: stackLog(options.echo ? logLevel : 'silent'),
    });
  } catch (err) {
    rmSync(scratch, { recursive: true, force: true });
    throw err;
  }
  const webPubSub = stack.settings.WebPubSubConnectionString!;
  const storage = stack.settings.AzureWebJobsStorage!;
  const defaultHub =
    options.hub ??
    stack.settings.WebPubSubHub ??
    process.env.WebPubSubHub ??
    stack.app.values.WebPubSubHub ??
    Object.keys(stack.hubs)[0] ??
    '';
  const management = new EmulatorManagementClient(stack.urls.emulator, stack.accessKey);
  const inspector = new InspectorClient(stack.urls.inspector);
  const clients = new Set<RecordedClient>();
  const services = new Map<string, WebPubSubServiceClient>();
  const serviceClient = (hub: string) => {
    let client = services.get(hub);
    if (!client) {
      // The emulator is plain http: the SDK refuses that unless told.
      client = new WebPubSubServiceClient(webPubSub, hub, { allowInsecureConnection: true });
      services.set(hub, client);
    }
    return client;
  };
  const negotiate = async (route: string, headers: Record<string, string> = {}) => {
    const res = await fetch(new URL(route.replace(/^\/+/, ''), `${stack.urls.host}/`), { headers });
    const text = await res.text();
    if (!res.ok) throw new Error(`GET ${route} answered ${res.status}: ${text}`);
    const { url } = JSON.parse(text) as { url?: unknown };
    if (typeof url !== 'string') throw new Error(`GET ${route} answered no url: ${text}`);
    return url;
  };
  const stopClients = async () => {
    await Promise.all([...clients].map((c) => c.stop().catch(() => undefined)));
    clients.clear();
  };
  let closed: Promise<void> | undefined;
  return {
    appUrl: stack.urls.host,
    apiUrl: stack.urls.api,
    emulatorUrl: stack.urls.emulator,
    inspectorUrl: stack.urls.inspector,
    inspector,
    faults: inspector.faults,
    connectionStrings: { webPubSub, storage },
    storageUrls: stack.urls.storage,
    keys: {
      master: stack.keys?.masterKey ?? '',
      function: stack.keys?.functionKey ?? '',
      webPubSubExtension: stack.keys?.systemKeys.webpubsub_extension ?? '',
    },
    functions: stack.functions,
    hubs: Object.keys(stack.hubs),
    service: serviceClient(defaultHub),
    serviceClient,
    async connect(o: ConnectOptions = {}) {
      const token: GenerateClientTokenOptions = {
        ...(o.userId !== undefined ? { userId: o.userId } : {}),
        ...(o.roles ? { roles: o.roles } : {}),
        ...(o.groups ? { groups: o.groups } : {}),
      };
      const route = o.negotiate;
      const url = route
        ? () => negotiate(route, o.headers)
        : async () => (await serviceClient(o.hub ?? defaultHub).getClientAccessToken(token)).url;
      const client = recordClient(url, o.client);
      clients.add(client);
      if (o.start !== false) await client.start();
      return client;
    },
    negotiate,
    async reset() {
      await inspector.faults.clear();
      await stopClients();
      await management.reset();
      await clearStorage(storage);
    },
    restartHost: () => stack.restartHost(),
    killHost: () => stack.killHost(),
    get hostPid() {
      return stack.hostPid;
    },
    lastLines: (part) => stack.lastLines(part),
    close: () =>
      (closed ??= (async () => {
        await stopClients().catch(() => undefined);
        await stack.close();
        rmSync(scratch, { recursive: true, force: true });
      })()),
  };
}
