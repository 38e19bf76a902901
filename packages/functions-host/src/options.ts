// Options of `startHost`, validated when the host is built.
import path from 'node:path';

import type { ExtensionFactory } from './extension';
import type { HostLogger, HostLogLevel } from './logger';

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
}

export function resolveHostOptions(o: HostOptions): ResolvedHostOptions {
  const appRoot = path.resolve(o.appRoot ?? process.cwd());
  const port = o.port ?? 7071;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`port must be an integer 0..65535, got ${String(o.port)}`);
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
  };
}
