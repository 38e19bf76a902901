// `wps-stack`: checks every port first, builds the app when asked, starts the whole stack
// (`startStack`), prints what to copy, and stops everything in reverse order when asked to or when
// one part exits on its own. With --watch, a change rebuilds the app and restarts only the host, so
// connected clients stay connected.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { HubSettings } from '@wps-local/emulator';
import { parseEmulatorConfig } from '@wps-local/emulator';

import { readAppSettings } from './app-settings';
import { banner } from './banner';
import { runBuild } from './build';
import { buildFailed, configError, errorMessage } from './errors';
import { findFunc } from './func';
import type { StackLog } from './log';
import { onAbort } from './on-abort';
import type { StackOptions } from './options';
import { appRoot } from './paths';
import type { PortClaim } from './ports';
import { checkPorts } from './ports';
import type { RunningStack } from './start-stack';
import { startStack } from './start-stack';
import { AppWatcher } from './watch';

/** Runs until `stop` aborts (exit code 0) or something fails (1, with the reason printed). */
export async function runStack(o: StackOptions, stop: AbortSignal, log: StackLog): Promise<number> {
  let stack: RunningStack | undefined;
  let watcher: AppWatcher | undefined;
  const halt = new AbortController();
  const onStop = () => halt.abort(ASKED_TO_STOP);
  onAbort(stop, onStop);
  try {
    // Everything that can be checked is checked before anything starts.
    const root = appRoot(o.app);
    const app = readAppSettings(root);
    const hubs = o.config ? readConfigHubs(o.config) : {};
    const func = o.func ? findFunc() : undefined;
    await checkPorts(portClaims(o));
    if ((o.build || o.watch) && app.hasBuildScript) {
      log.info(`building the app in ${root} (npm run build)`);
      const code = await runBuild(root, halt.signal);
      if (code !== 0) throw buildFailed(code);
    }
    const storageDir = o.storageDir ?? path.join(root, '.azurite');
    const starting = startStack({
      appRoot: root,
      port: o.port,
      emulatorPort: o.emulatorPort,
      storagePort: o.storagePort,
      storageDir,
      hubs,
      ...(func ? { func } : {}),
      logLevel: o.logLevel,
      echo: true,
      log,
      signal: halt.signal,
    });
    // A stop asked for while starting waits for the start, then stops what it started.
    stack = await starting;
    const running = stack;
    onAbort(running.failed, () => halt.abort(running.failed.reason));
    console.log(
      banner({
        stack: running,
        hostName: func ? 'Azure Functions Core Tools (func start)' : 'offline Functions host',
        storageDir,
        watching: o.watch,
      }),
    );
    if (o.watch) {
      watcher = new AppWatcher({
        root,
        main: app.main,
        hasBuild: app.hasBuildScript,
        build: async () => {
          log.info('a source changed: building (npm run build)');
          const code = await runBuild(root, halt.signal);
          if (code !== 0) log.error(`the build failed (exit code ${code ?? 'unknown'})`);
          return code === 0;
        },
        restartHost: async () => {
          log.info('the app changed: restarting the host');
          await running.restartHost();
          log.info(`the host is back with ${running.functions.length} function(s)`);
        },
        onError: (err) => halt.abort(err),
      });
    }
    await new Promise<void>((resolve) => onAbort(halt.signal, resolve));
    throw halt.signal.reason;
  } catch (err) {
    if (err === ASKED_TO_STOP) return 0;
    log.error(errorMessage(err));
    return 1;
  } finally {
    watcher?.close();
    stop.removeEventListener('abort', onStop);
    if (stack) {
      await stack.close();
      log.info('stopped');
    }
  }
}

/** The reason `halt` aborts with when we were asked to stop (a crash aborts with its error). */
const ASKED_TO_STOP = new Error('asked to stop');

function portClaims(o: StackOptions): PortClaim[] {
  const hostName = o.func ? 'Functions host (func start)' : 'offline Functions host';
  return [
    { port: o.storagePort, what: 'Azurite blob', flag: '--storage-port' },
    { port: o.storagePort + 1, what: 'Azurite queue, --storage-port + 1', flag: '--storage-port' },
    { port: o.storagePort + 2, what: 'Azurite table, --storage-port + 2', flag: '--storage-port' },
    { port: o.emulatorPort, what: 'Web PubSub emulator', flag: '--emulator-port' },
    // The emulator's inspector takes the next port (any free one when the emulator's is 0).
    ...(o.emulatorPort
      ? [
          {
            port: o.emulatorPort + 1,
            what: 'emulator inspector, --emulator-port + 1',
            flag: '--emulator-port',
          },
        ]
      : []),
    { port: o.port, what: hostName, flag: '--port' },
  ];
}

function readConfigHubs(file: string): Record<string, HubSettings> {
  try {
    return parseEmulatorConfig(JSON.parse(readFileSync(file, 'utf8'))).hubs;
  } catch (err) {
    throw configError(`--config ${file}: ${errorMessage(err)}`);
  }
}
