// Emulator options, with the service's defaults, validated when the emulator is built.
import { isIP } from 'node:net';

import { WELL_KNOWN_ACCESS_KEY } from './auth/well-known-key';
import type { HubSettings } from './config';
import type { Logger, LogLevel } from './logger';

export interface EmulatorOptions {
  /** Interface to listen on. Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Default: the well-known local key (public; see auth/well-known-key.ts). */
  accessKey?: string;
  /** Hub settings in the shape of the Bicep hub resource. */
  hubs?: Record<string, HubSettings>;
  /** Listening beyond loopback with the public well-known key must be asked for by name. */
  allowRemoteWithWellKnownKey?: boolean;
  /** Host name written in the connection string; default `localhost` on loopback. */
  publicHost?: string;
  /** How long a dropped reliable connection waits to be recovered (service: 30 s). */
  recoveryWindowMs?: number;
  /** WebSocket keep-alive ping interval of hubs without webSocketKeepAliveIntervalInSeconds (service default: 20 s). */
  keepAliveIntervalMs?: number;
  /** Upstream retry delays for 408/5xx/network failures (service: 1 s, 3 s, 5 s). */
  upstreamRetryDelaysMs?: number[];
  /** Upstream request timeout (service: 100 s). */
  upstreamTimeoutMs?: number;
  /** How long an `invoke` waits for the event handler before answering Timeout (default: upstreamTimeoutMs). */
  invokeTimeoutMs?: number;
  logLevel?: LogLevel;
  logger?: Logger;
  /** The inspector's own loopback port (default 0: any free port); false turns it off. */
  inspectorPort?: number | false;
}

export type ResolvedOptions = Required<Omit<EmulatorOptions, 'logger' | 'publicHost'>> &
  Pick<EmulatorOptions, 'logger'> & { publicHost: string };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

export function resolveOptions(o: EmulatorOptions): ResolvedOptions {
  const host = o.host ?? '127.0.0.1';
  const accessKey = o.accessKey ?? WELL_KNOWN_ACCESS_KEY;
  const port = o.port ?? 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`port must be an integer from 0 to 65535, not ${port}.`);
  }
  // eslint-disable-next-line no-control-regex
  if (Buffer.byteLength(accessKey) < 32 || /[;\s\x00-\x1f]/.test(accessKey)) {
    throw new TypeError(
      'accessKey must have at least 32 bytes and no white space, semicolons or control characters.',
    );
  }
  const loopback = LOOPBACK_HOSTS.has(host) || host.startsWith('127.');
  if (!loopback && accessKey === WELL_KNOWN_ACCESS_KEY && !o.allowRemoteWithWellKnownKey) {
    throw new TypeError(
      `Refusing to listen on ${host} with the public well-known access key: pass your own key, or allowRemoteWithWellKnownKey (CLI: --allow-remote-with-well-known-key) if you really mean it.`,
    );
  }
  const publicHost = o.publicHost ?? (loopback ? 'localhost' : host);
  return {
    host,
    port,
    accessKey,
    hubs: o.hubs ?? {},
    allowRemoteWithWellKnownKey: o.allowRemoteWithWellKnownKey ?? false,
    publicHost: isIP(publicHost) === 6 ? `[${publicHost}]` : publicHost,
    recoveryWindowMs: o.recoveryWindowMs ?? 30_000,
    keepAliveIntervalMs: o.keepAliveIntervalMs ?? 20_000,
    upstreamRetryDelaysMs: o.upstreamRetryDelaysMs ?? [1000, 3000, 5000],
    upstreamTimeoutMs: o.upstreamTimeoutMs ?? 100_000,
    invokeTimeoutMs: o.invokeTimeoutMs ?? o.upstreamTimeoutMs ?? 100_000,
    logLevel: o.logLevel ?? 'info',
    logger: o.logger,
    inspectorPort: checkInspectorPort(o.inspectorPort ?? 0),
  };
}

function checkInspectorPort(port: number | false): number | false {
  if (port !== false && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new TypeError(`inspectorPort must be false or an integer from 0 to 65535, not ${port}.`);
  }
  return port;
}
