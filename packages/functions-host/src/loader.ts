// Loads the app the way the Node worker does: our core module answers `require('@azure/functions-core')`,
// each file matched by package.json `main` is loaded (CommonJS or ESM), then the programming model
// reports its capabilities and the app's `appStart` hooks run.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type { AppConfig } from './app-config';
import type { CoreApi } from './core/core-api';
import { readOnly, runHooks } from './core/hooks';
import { installCoreModule } from './core/install';
import { errorMessage, HostError } from './errors';
import type { HostLogger } from './logger';

export interface LoadedApp {
  appHookData: Record<string, unknown>;
  /** Runs `appTerminate` hooks and removes the module hook. */
  unload(): Promise<void>;
}

export async function loadApp(
  config: AppConfig,
  core: CoreApi,
  logger: HostLogger,
): Promise<LoadedApp> {
  const uninstall = installCoreModule(core);
  const appHookData: Record<string, unknown> = {};
  // appStart and appTerminate share their own hookData; appHookData is shared with invocations.
  const appLevelHookData: Record<string, unknown> = {};
  try {
    if (config.entryFiles.length === 0) {
      logger.warn(
        `No files match package.json "main" in ${config.appRoot}: did you build the app?`,
      );
    }
    const requireFromApp = createRequire(path.join(config.appRoot, 'package.json'));
    for (const file of config.entryFiles) {
      try {
        if (file.endsWith('.mjs')) await import(pathToFileURL(file).href);
        else requireFromApp(file);
      } catch (err) {
        throw new HostError(
          'HOST_ERR_LOAD',
          500,
          `Worker was unable to load entry point "${path.relative(config.appRoot, file)}": ${errorMessage(err)}`,
          { cause: err },
        );
      }
    }
    core.lock();
    const model = core.getProgrammingModel();
    if (!model && core.registrations.length > 0) {
      throw new HostError(
        'HOST_ERR_LOAD',
        500,
        'Functions were registered but no programming model was set.',
      );
    }
    const capabilities = model ? await model.getCapabilities({}) : {};
    if (capabilities.HttpUri) {
      throw new HostError(
        'HOST_ERR_LOAD',
        500,
        'The app enabled HTTP streaming (app.setup({ enableHttpStream: true })), which the offline host does not support.',
      );
    }
    logger.debug(`Programming model: ${model ? `${model.name}@${model.version}` : '(none)'}`);
    await runHooks(
      core,
      'appStart',
      readOnly(
        {},
        { hookData: appLevelHookData, appHookData, functionAppDirectory: config.appRoot },
      ),
    );
  } catch (err) {
    uninstall();
    throw err;
  }
  return {
    appHookData,
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
}
