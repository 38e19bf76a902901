// `npm run start:func`: Azure Functions Core Tools' `func start` in place of the offline host,
// found on PATH, given the stack's settings as environment variables (which win over
// local.settings.json in func too), and awaited until its port accepts connections.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

import type { Launched } from './child';
import { SupervisedChild } from './child';
import { funcNotFound } from './errors';
import { waitForPort } from './ports';

/** func may first unpack the extension bundle; it still listens within this. */
export const FUNC_READY_TIMEOUT_MS = 120_000;

export interface FuncLaunchOptions {
  /** From `findFunc()`. */
  executable: string;
  appRoot: string;
  port: number;
  settings: Record<string, string>;
  echo: boolean;
}

/** The `func` executable on PATH, or a StackError saying how to install it. */
export function findFunc(env: NodeJS.ProcessEnv = process.env): string {
  const windows = process.platform === 'win32';
  const extensions = windows ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? env.Path ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of extensions) {
      const file = path.join(dir, `func${ext.toLowerCase()}`);
      if (existsSync(file) && statSync(file).isFile()) return file;
    }
  }
  throw funcNotFound();
}

export function startFunc(o: FuncLaunchOptions, stop: AbortSignal): Launched {
  const windows = process.platform === 'win32';
  const child = new SupervisedChild(
    // Windows runs func.cmd only through a shell; elsewhere func gets its own process group so
    // that stopping it stops the host and workers it starts too.
    spawn(windows ? `"${o.executable}"` : o.executable, ['start', '--port', String(o.port)], {
      cwd: o.appRoot,
      env: { ...process.env, ...o.settings },
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: windows,
      detached: !windows,
    }),
    { name: 'func', echo: o.echo, group: true },
  );
  const ready = child.ready(
    `port ${o.port} to accept connections`,
    FUNC_READY_TIMEOUT_MS,
    stop,
    (signal) => waitForPort(o.port, signal),
  );
  return { child, ready };
}
