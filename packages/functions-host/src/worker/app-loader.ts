// Loads the app the way the Node worker does (azure-functions-nodejs-worker src/startApp.ts and
// src/loadScriptFile.ts): our core module answers `require('@azure/functions-core')`, each file
// matched by package.json `main` is loaded (`import()` for `.mjs` and `"type": "module"` apps,
// `require` otherwise), then the app's `appStart` hooks run. On Node 20+ the worker blocks on an
// entry point that fails to load or a `main` that matches no file, so this throws.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type { CoreApi } from '../core/core-api';
import { readOnly, runHooks } from '../core/hooks';
import { installCoreModule } from '../core/install';
import { errorMessage } from '../errors';
import type { WorkerInit } from './protocol';

export interface LoadedApp {
  appHookData: Record<string, unknown>;
  /** `@azure/functions@x.y.z`, or undefined when no programming model was set. */
  programmingModel: string | undefined;
  /** Runs `appTerminate` hooks and removes the module hook. */
  unload(): Promise<void>;
}

export class AppLoadError extends Error {
  override readonly name = 'AppLoadError';
}

export async function loadApp(init: WorkerInit, core: CoreApi): Promise<LoadedApp> {
  const uninstall = installCoreModule(core);
  const appHookData: Record<string, unknown> = {};
  // appStart and appTerminate share their own hookData; appHookData is shared with invocations.
  const appLevelHookData: Record<string, unknown> = {};
  try {
    await loadEntryPoints(init);
    core.lock();
    const model = core.getProgrammingModel();
    if (!model && core.registrations.length > 0) {
      throw new AppLoadError('Functions were registered but no programming model was set.');
    }
    const capabilities = model ? await model.getCapabilities({}) : {};
    if (capabilities.HttpUri) {
      throw new AppLoadError(
        'The app enabled HTTP streaming (app.setup({ enableHttpStream: true })), which the offline host does not support.',
      );
    }
    await runHooks(
      core,
      'appStart',
      readOnly({}, { hookData: appLevelHookData, appHookData, functionAppDirectory: init.appRoot }),
    );
    return {
      appHookData,
      programmingModel: model ? `${model.name}@${model.version}` : undefined,
      async unload() {
        try {
          await runHooks(
            core,
            'appTerminate',
            readOnly({}, { hookData: appLevelHookData, appHookData }),
          );
        } finally {
          uninstall();
        }
      },
    };
  } catch (err) {
    uninstall();
    throw err;
  }
}

async function loadEntryPoints(init: WorkerInit): Promise<void> {
  if (init.entryFiles.length === 0) {
    // The worker says which: a pattern with glob characters, or a plain path.
    const reason = /[*?[\]{}!]/.test(init.main)
      ? 'Found zero files matching the supplied pattern'
      : 'File does not exist';
    throw new AppLoadError(
      `Worker was unable to load entry point "${init.main}": ${reason} (did you build the app?)`,
    );
  }
  const requireFromApp = createRequire(path.join(init.appRoot, 'package.json'));
  for (const file of init.entryFiles) {
    try {
      if (isEsModule(file, init.packageType)) await import(pathToFileURL(file).href);
      else requireFromApp(file);
    } catch (err) {
      throw new AppLoadError(
        `Worker was unable to load entry point "${path.relative(init.appRoot, file)}": ${errorMessage(err)}`,
        { cause: err },
      );
    }
  }
}

/** `.mjs`, or `.js` in a `"type": "module"` package; `.cjs` never. */
export function isEsModule(file: string, packageType: string | undefined): boolean {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.mjs') return true;
  if (ext === '.cjs') return false;
  return packageType === 'module';
}
