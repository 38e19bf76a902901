// Where the stack's parts are: the package root, the compiled emulator and host CLIs, Azurite.
import { existsSync } from 'node:fs';
import path from 'node:path';

import { configError, missingBuild } from './errors';

export interface StackPaths {
  /** The Function App folder: package.json, host.json, local.settings.json. */
  root: string;
  emulatorCli: string;
  hostCli: string;
  /** Azurite's own CLI script, run with this Node (no shell, no .bin shim). */
  azuriteCli: string;
}

/** The nearest folder at or above `from` with a package.json (works from local/ and dist/local/). */
export function packageRoot(from: string = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw configError(`No package.json above ${from}.`);
  }
}

/** Resolves every path and refuses, with the remedy, when the build or Azurite is missing. */
export function stackPaths(root: string, needsHost: boolean): StackPaths {
  const paths = {
    root,
    emulatorCli: path.join(root, 'dist/local/emulator/cli.js'),
    hostCli: path.join(root, 'dist/local/host/cli.js'),
    azuriteCli: azuriteCli(root),
  };
  for (const file of needsHost ? [paths.emulatorCli, paths.hostCli] : [paths.emulatorCli]) {
    if (!existsSync(file)) throw missingBuild(path.relative(root, file));
  }
  return paths;
}

function azuriteCli(root: string): string {
  let pkg: string;
  try {
    pkg = require.resolve('azurite/package.json', { paths: [root] });
  } catch {
    throw configError(
      'Azurite is not installed: run `npm install` (it is a devDependency of this project).',
    );
  }
  return path.join(path.dirname(pkg), 'dist/src/azurite.js');
}
