// The stack's command line (`npm start -- [options]`), parsed with node:util and validated once.
import path from 'node:path';
import { parseArgs } from 'node:util';

import { errorMessage, usageError } from './errors';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type StackLogLevel = (typeof LOG_LEVELS)[number];

export interface StackOptions {
  /** Offline host (or `func start`) port. */
  port: number;
  emulatorPort: number;
  /** Azurite blob port; queue and table use the next two. */
  storagePort: number;
  /** Azurite's data folder (absolute); `undefined` = `.azurite/` at the repo root. */
  storageDir: string | undefined;
  logLevel: StackLogLevel;
  /** Run Azure Functions Core Tools' `func start` instead of the offline host. */
  func: boolean;
}

export const USAGE = `Local stack: Azurite, the Web PubSub emulator and the offline Functions host
(local development only; every key it uses is a public, well-known local key)

Usage: npm start -- [options]          npm run start:func -- [options]
  --port N            Functions host port (default 7071)
  --emulator-port N   Web PubSub emulator port (default 8080)
  --storage-port N    Azurite blob port; queue and table use N+1 and N+2 (default 10000)
  --storage-dir DIR   Azurite data folder (default .azurite at the repo root)
  --log-level L       debug | info | warn | error | silent (default info)
  --func              run Azure Functions Core Tools' \`func start\` instead of the offline host
  --help`;

/** Parses argv (without node and the script); returns `'help'` when help was asked for. */
export function parseStackArgs(args: string[]): StackOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        'emulator-port': { type: 'string' },
        'storage-port': { type: 'string' },
        'storage-dir': { type: 'string' },
        'log-level': { type: 'string' },
        func: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw usageError(errorMessage(err));
  }
  if (values.help) return 'help';
  const logLevel = values['log-level'] ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw usageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got '${logLevel}'.`);
  }
  return {
    port: portValue('--port', values.port, 7071),
    emulatorPort: portValue('--emulator-port', values['emulator-port'], 8080),
    storagePort: portValue('--storage-port', values['storage-port'], 10000, 2),
    storageDir:
      values['storage-dir'] === undefined ? undefined : path.resolve(values['storage-dir']),
    logLevel: logLevel as StackLogLevel,
    func: values.func ?? false,
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
