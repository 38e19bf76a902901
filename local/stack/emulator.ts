// Starts the Web PubSub emulator through its compiled CLI with a generated hub config (in a temp
// file the caller removes) and waits for its "listening on" line.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import type { Launched } from './child';
import { SupervisedChild } from './child';
import type { StackLogLevel } from './options';

export const EMULATOR_READY_TIMEOUT_MS = 15_000;

export interface EmulatorLaunchOptions {
  cli: string;
  port: number;
  accessKey: string;
  config: unknown;
  /** A private folder for the config file. */
  tempDir: string;
  logLevel: StackLogLevel;
}

export function startEmulatorProcess(o: EmulatorLaunchOptions, stop: AbortSignal): Launched {
  const configFile = path.join(o.tempDir, 'emulator-config.json');
  writeFileSync(configFile, JSON.stringify(o.config, null, 2));
  const args = [o.cli, '--port', String(o.port), '--config', configFile, '--log-level', o.logLevel];
  const child = new SupervisedChild(
    spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      // The key travels in the environment, not on a command line others can list.
      env: { ...process.env, EMULATOR_ACCESS_KEY: o.accessKey },
    }),
    { name: 'emulator', echo: true },
  );
  const ready = child.ready('its "listening on" line', EMULATOR_READY_TIMEOUT_MS, stop, (signal) =>
    child.waitForLine(/listening on/, signal),
  );
  return { child, ready };
}
