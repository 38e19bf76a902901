// The whole local stack: checks everything first, then starts Azurite, the emulator and the host
// (or `func start`) in that order, prints where they answer, and stops them in reverse order when
// asked to, or when one of them exits on its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { readAppSettings } from './app-settings';
import { startAzurite } from './azurite';
import { banner } from './banner';
import type { Launched, SupervisedChild } from './child';
import { startEmulatorProcess } from './emulator';
import { errorMessage } from './errors';
import { findFunc, startFunc } from './func';
import { startHostProcess } from './host';
import type { StackLog } from './log';
import { onAbort } from './on-abort';
import type { StackOptions } from './options';
import { packageRoot, stackPaths } from './paths';
import { planStack } from './plan';
import { checkPorts } from './ports';

/** How long each child gets to stop after SIGTERM before it is killed. */
export const STOP_TIMEOUT_MS = 10_000;
/** The reason `halt` aborts with when we were asked to stop (a crash aborts with its error). */
const ASKED_TO_STOP = new Error('asked to stop');

/** Runs until `stop` aborts (exit code 0) or something fails (1, with the reason printed). */
export async function runStack(o: StackOptions, stop: AbortSignal, log: StackLog): Promise<number> {
  const children: SupervisedChild[] = [];
  const halt = new AbortController();
  let stopping = false;
  let tempDir: string | undefined;
  const onStop = () => halt.abort(ASKED_TO_STOP);
  onAbort(stop, onStop);
  const launch = async (what: string, start: () => Launched) => {
    halt.signal.throwIfAborted();
    log.info(`starting ${what}`);
    const { child, ready } = start();
    children.push(child);
    log.debug(`${child.name} has pid ${child.child.pid ?? '(none)'}`);
    void child.exited.then((exit) => {
      if (!stopping) halt.abort(child.exitError(exit));
    });
    await ready;
  };
  try {
    const { root, paths, plan, func, storageDir } = await preflight(o);
    const configDir = mkdtempSync(path.join(tmpdir(), 'wps-stack-'));
    tempDir = configDir;
    const { settings } = plan;
    const halted = halt.signal;
    const ports = `${o.storagePort}-${o.storagePort + 2}`;
    await launch(`Azurite on ports ${ports}`, () =>
      startAzurite(
        { cli: paths.azuriteCli, blobPort: o.storagePort, location: storageDir, echo: verbose(o) },
        halted,
      ),
    );
    const emulator = {
      port: o.emulatorPort,
      accessKey: plan.accessKey,
      config: plan.emulatorConfig,
    };
    await launch(`the Web PubSub emulator on port ${o.emulatorPort}`, () =>
      startEmulatorProcess(
        { cli: paths.emulatorCli, ...emulator, tempDir: configDir, logLevel: o.logLevel },
        halted,
      ),
    );
    const app = { appRoot: root, port: o.port, settings };
    await (func
      ? launch(`func start on port ${o.port}`, () =>
          startFunc({ executable: func, ...app }, halted),
        )
      : launch(`the offline Functions host on port ${o.port}`, () =>
          startHostProcess({ cli: paths.hostCli, ...app, logLevel: o.logLevel }, halted),
        ));
    const hostName = func ? 'Azure Functions Core Tools (func start)' : 'offline Functions host';
    console.log(banner(plan, hostName, storageDir));
    await new Promise<void>((resolve) => onAbort(halted, resolve));
    throw halted.reason;
  } catch (err) {
    if (err === ASKED_TO_STOP) return 0;
    log.error(errorMessage(err));
    return 1;
  } finally {
    stopping = true;
    stop.removeEventListener('abort', onStop);
    await stopAll(children, log);
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

/** Everything that can be checked is checked before anything starts. */
async function preflight(o: StackOptions) {
  const root = packageRoot();
  const paths = stackPaths(root, !o.func);
  const plan = planStack(o, readAppSettings(root));
  const func = o.func ? findFunc() : undefined;
  await checkPorts(plan.ports);
  return { root, paths, plan, func, storageDir: o.storageDir ?? path.join(root, '.azurite') };
}

async function stopAll(children: readonly SupervisedChild[], log: StackLog): Promise<void> {
  for (const child of [...children].reverse()) {
    if (child.running) log.info(`stopping ${child.name}`);
    const clean = await child.stop(STOP_TIMEOUT_MS);
    if (!clean) log.error(`${child.name} did not stop within ${STOP_TIMEOUT_MS / 1000} s: killed`);
  }
  if (children.length) log.info('stopped');
}

function verbose(o: StackOptions): boolean {
  return o.logLevel === 'debug' || o.logLevel === 'info';
}
