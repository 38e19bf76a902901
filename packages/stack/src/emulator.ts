// Starts the Web PubSub emulator through its CLI, with no hubs (the stack configures them from the
// app once the host is up), in its own process group and tied to the stack by IPC, and waits for
// its "listening on" line.
import { spawn } from 'node:child_process';

import type { Launched } from './child';
import { SupervisedChild } from './child';
import type { StackLogLevel } from './options';

export const EMULATOR_READY_TIMEOUT_MS = 15_000;

export interface EmulatorLaunchOptions {
  cli: string;
  port: number;
  accessKey: string;
  logLevel: StackLogLevel;
  echo: boolean;
}

export interface EmulatorEndpoints {
  port: number;
  /** The inspector page (on `port` + 1, or any free port when `port` is 0). */
  inspectorUrl: string;
}

/** Resolves with the ports it listens on (`port` 0 lets it choose). */
export function startEmulatorProcess(
  o: EmulatorLaunchOptions,
  stop: AbortSignal,
): Launched & { ready: Promise<EmulatorEndpoints> } {
  const args = [o.cli, '--port', String(o.port), '--log-level', o.logLevel];
  const child = new SupervisedChild(
    spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: process.platform !== 'win32',
      // The key travels in the environment, not on a command line others can list.
      env: { ...process.env, EMULATOR_ACCESS_KEY: o.accessKey },
    }),
    { name: 'emulator', echo: o.echo },
  );
  const ready = child.ready(
    'its "listening on" line',
    EMULATOR_READY_TIMEOUT_MS,
    stop,
    async (signal) => {
      const port = Number((await child.waitForLine(/listening on \S+:(\d+)/, signal))[1]);
      const inspectorUrl = (await child.waitForLine(/^Inspector: (\S+)/, signal))[1]!;
      return { port, inspectorUrl };
    },
  );
  return { child, ready };
}
