// Starts the offline Functions host through its CLI (one host per process is the host's rule) with
// settings that win over local.settings.json, in its own process group, and waits for its IPC
// "ready" message, which says where it listens and what its keys are.
import { fork } from 'node:child_process';

import type { Launched } from './child';
import { SupervisedChild } from './child';
import { onAbort } from './on-abort';
import type { StackLogLevel } from './options';

/** Loading the built app and starting its listeners fits well within this. */
export const HOST_READY_TIMEOUT_MS = 60_000;

export interface HostLaunchOptions {
  cli: string;
  appRoot: string;
  port: number;
  settings: Record<string, string>;
  /** The local sign-in standing in for App Service Authentication (it drops client-sent
   * principal headers, as App Service does). */
  localAuth: boolean;
  /** Where the host keeps its keys (default: `<app>/.host-keys/host.json`). */
  keysFile?: string;
  logLevel: StackLogLevel;
  echo: boolean;
}

/** The host's keys as its "ready" message gives them. */
export interface HostKeys {
  masterKey: string;
  functionKey: string;
  systemKeys: Record<string, string>;
}

export interface HostReady {
  port: number;
  keys: HostKeys;
}

interface HostMessage {
  type?: unknown;
  port?: number;
  keys?: HostKeys;
}

export function startHostProcess(
  o: HostLaunchOptions,
  stop: AbortSignal,
): Launched & { ready: Promise<HostReady> } {
  const args = ['--app', o.appRoot, '--port', String(o.port), '--log-level', o.logLevel];
  // The local sign-in (/.auth/login/aad), standing in for App Service Authentication; func has none.
  if (o.localAuth) args.push('--auth');
  if (o.keysFile) args.push('--keys-file', o.keysFile);
  // Settings travel as environment variables, which win over local.settings.json in the host as in
  // func, and keep keys off a command line that others can list. With IPC the host also stops by
  // itself if this process dies (it listens for 'disconnect').
  const child = new SupervisedChild(
    fork(o.cli, args, {
      cwd: o.appRoot,
      env: { ...process.env, ...o.settings },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: process.platform !== 'win32',
    }),
    { name: 'host', echo: o.echo },
  );
  const ready = child.ready('its "ready" message', HOST_READY_TIMEOUT_MS, stop, (signal) =>
    readyMessage(child, signal),
  );
  return { child, ready };
}

function readyMessage(child: SupervisedChild, signal: AbortSignal): Promise<HostReady> {
  return new Promise((resolve, reject) => {
    // An `error` message is followed by the host's exit, which `ready` reports with the host's
    // last output lines (the same message, and what led to it).
    const onMessage = (m: HostMessage) => {
      if (m.type !== 'ready' || !m.keys || m.port === undefined) return;
      child.child.off('message', onMessage);
      resolve({ port: m.port, keys: m.keys });
    };
    child.child.on('message', onMessage);
    onAbort(signal, () => {
      child.child.off('message', onMessage);
      reject(signal.reason as Error); // reasons here are always Errors
    });
  });
}
