// Options of `startHost`, validated when the host is built.
import path from 'node:path';

import type { ExtensionFactory } from './extension';
import type { HostLogger, HostLogLevel } from './logger';
import type { WorkerMode } from './worker/transport';
import { WORKER_MODES } from './worker/transport';

export interface HostOptions {
  /** The Function App folder (package.json, host.json, local.settings.json). Default: cwd. */
  appRoot?: string;
  /** Default 7071, the Functions default; 0 picks a free port. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1: the host is for local development). */
  host?: string;
  /** Host name in printed URLs (default localhost). */
  publicHost?: string;
  /** App settings that win over local.settings.json and the environment (tests, `npm start`). */
  settings?: Record<string, string>;
  /** Host keys file (default `<appRoot>/.host-keys/host.json`, git-ignored). */
  keysFile?: string;
  logLevel?: HostLogLevel;
  logger?: HostLogger;
  /** Extensions to load; default: HTTP, Web PubSub, storage queues and tables, timer. */
  extensions?: ExtensionFactory[];
  /**
   * Where the app runs: `process` (default; a child process over IPC, as Azure runs the Node
   * worker) or `thread` (a worker thread). Default from the `WPS_FUNCTIONS_HOST_WORKER` variable.
   */
  worker?: WorkerMode;
}

export interface ResolvedHostOptions {
  appRoot: string;
  port: number;
  host: string;
  publicHost: string;
  settings: Record<string, string>;
  keysFile: string;
  logLevel: HostLogLevel;
  logger: HostLogger | undefined;
  worker: WorkerMode;
}

export function resolveHostOptions(o: HostOptions): ResolvedHostOptions {
  const appRoot = path.resolve(o.appRoot ?? process.cwd());
  const port = o.port ?? 7071;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`port must be an integer 0..65535, got ${String(o.port)}`);
  }
  const worker = (o.worker ?? (process.env.WPS_FUNCTIONS_HOST_WORKER || 'process')) as WorkerMode;
  if (!WORKER_MODES.includes(worker)) {
    throw new TypeError(`worker must be one of ${WORKER_MODES.join(', ')}, got ${worker}`);
  }
  return {
    appRoot,
    port,
    host: o.host ?? '127.0.0.1',
    publicHost: o.publicHost ?? 'localhost',
    settings: o.settings ?? {},
    keysFile: o.keysFile ?? path.join(appRoot, '.host-keys', 'host.json'),
    logLevel: o.logLevel ?? 'info',
    logger: o.logger,
    worker,
  };
}
