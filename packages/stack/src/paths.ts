// Where the stack's parts are: the Function App folder, the emulator's and the host's CLIs (from
// their installed packages), and Azurite's own CLI script.
import { existsSync } from 'node:fs';
import path from 'node:path';

import { configError } from './errors';

export interface StackPaths {
  /** The Function App folder: package.json, host.json, local.settings.json. */
  root: string;
  emulatorCli: string;
  hostCli: string;
  /** Azurite's own CLI script, run with this Node (no shell, no .bin shim). */
  azuriteCli: string;
}

/** The Function App folder: `--app` or the current directory, as `func start` takes it. It must
 * hold a host.json, as every Function App does. */
export function appRoot(app: string | undefined, cwd: string = process.cwd()): string {
  const root = path.resolve(cwd, app ?? '.');
  if (!existsSync(path.join(root, 'host.json'))) {
    throw configError(
      `${root} is not a Function App folder (no host.json): run in the app's folder or pass --app <dir>.`,
    );
  }
  return root;
}

/** Resolves every part from the packages this one depends on. */
export function stackPaths(root: string): StackPaths {
  return {
    root,
    emulatorCli: packageFile('@wps-local/emulator', 'dist/cli.js'),
    hostCli: packageFile('@wps-local/functions-host', 'dist/cli.js'),
    azuriteCli: packageFile('azurite', 'dist/src/azurite.js'),
  };
}

function packageFile(name: string, file: string): string {
  let manifest: string;
  try {
    manifest = require.resolve(`${name}/package.json`);
  } catch {
    throw configError(`${name} is not installed next to @wps-local/stack: run \`npm install\`.`);
  }
  return path.join(path.dirname(manifest), file);
}
