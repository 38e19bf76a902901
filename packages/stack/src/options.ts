// The stack's command line (`wps-stack [options]`, `npm start -- [options]`), parsed with node:util
// and validated once. Nothing heavy is imported here: `--help` and `--version` answer at once.
import path from 'node:path';
import { parseArgs } from 'node:util';

import { errorMessage, usageError } from './errors';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type StackLogLevel = (typeof LOG_LEVELS)[number];

export interface StackOptions {
  /** The Function App folder (`--app`); `undefined` = the current directory, as `func start`. */
  app: string | undefined;
  /** Offline host (or `func start`) port. */
  port: number;
  emulatorPort: number;
  /** Azurite blob port; queue and table use the next two. */
  storagePort: number;
  /** Azurite's data folder (absolute); `undefined` = `.azurite/` in the app folder. */
  storageDir: string | undefined;
  /** An emulator config file whose hubs add to or override those found in the app. */
  config: string | undefined;
  logLevel: StackLogLevel;
  /** Run Azure Functions Core Tools' `func start` instead of the offline host. */
  func: boolean;
  /** Run the app's own `build` script before starting. */
  build: boolean;
  /** Rebuild on source changes and restart the host when the app's output changes. */
  watch: boolean;
}

export const USAGE = `wps-stack: Azurite, the Web PubSub emulator and the offline Functions host for any
Function App (local development only; every key it prints is a local key)

Usage: wps-stack [options]             (in the app's folder, as func start)
  --app DIR           the Function App folder (default: the current directory)
  --port N            Functions host port (default 7071)
  --emulator-port N   Web PubSub emulator port (default 8080)
  --storage-port N    Azurite blob port; queue and table use N+1 and N+2 (default 10000)
  --storage-dir DIR   Azurite data folder (default .azurite in the app folder)
  --config FILE       emulator hub settings that add to or override those read from the app
  --build             run the app's "build" script first (when it has one)
  --watch             rebuild on changes and restart the host when the app's output changes
  --log-level L       debug | info | warn | error | silent (default info)
  --func              run Azure Functions Core Tools' \`func start\` instead of the offline host
  --version, --help`;

/** Parses argv (without node and the script). */
export function parseStackArgs(args: string[]): StackOptions | 'help' | 'version' {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        app: { type: 'string' },
        port: { type: 'string' },
        'emulator-port': { type: 'string' },
        'storage-port': { type: 'string' },
        'storage-dir': { type: 'string' },
        config: { type: 'string' },
        'log-level': { type: 'string' },
        func: { type: 'boolean' },
        build: { type: 'boolean' },
        watch: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw usageError(errorMessage(err));
  }
  if (values.help) return 'help';
  if (values.version) return 'version';
  const logLevel = values['log-level'] ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw usageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got '${logLevel}'.`);
  }
  const absolute = (p: string | undefined) => (p === undefined ? undefined : path.resolve(p));
  return {
    app: absolute(values.app),
    port: portValue('--port', values.port, 7071),
    emulatorPort: portValue('--emulator-port', values['emulator-port'], 8080),
    storagePort: portValue('--storage-port', values['storage-port'], 10000, 2),
    storageDir: absolute(values['storage-dir']),
    config: absolute(values.config),
    logLevel: logLevel as StackLogLevel,
    func: values.func ?? false,
    build: values.build ?? false,
    watch: values.watch ?? false,
  };
}

/** A TCP port 1–65535 (leaving room for `extra` ports after it); 0 is refused: the other parts
 * must know every port before they start. */
function portValue(flag: string, text: string | undefined, fallback: number, extra = 0): number {
  if (text === undefined) return fallback;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  const max = 65535 - extra;
  if (!(port >= 1 && port <= max)) {
    throw usageError(`${flag} must be a port number from 1 to ${max}, got '${text}'.`);
  }
  return port;
}
