#!/usr/bin/env node
// `wps-stack` (`npm start` here): the whole local stack for the Function App in the current folder
// or `--app`. Only the option parser loads before `--help` and `--version` are answered.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { errorMessage, StackError } from './errors';
import { parseStackArgs, USAGE } from './options';

/** How often the stack checks that the process that started it is still there. */
const PARENT_CHECK_MS = 1000;

async function main(): Promise<number> {
  const options = parseStackArgs(process.argv.slice(2));
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (options === 'version') {
    console.log(packageVersion());
    return 0;
  }
  const [{ runStack }, { stackLog }] = await Promise.all([
    import('./stack.js'),
    import('./log.js'),
  ]);
  const stop = new AbortController();
  // Every signal after the first is ignored: stopping is already under way, and bounded.
  const onSignal = (signal: string) => {
    if (!stop.signal.aborted) console.log(`\nstack: ${signal}: stopping (reverse order)`);
    stop.abort();
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, onSignal);
  // An IDE's stop button may end npm without npm passing anything on: when the process that
  // started us is gone (we are handed to another parent), stop as if asked.
  const parent = process.ppid;
  const orphaned = setInterval(() => {
    if (process.ppid !== parent) onSignal('parent process exited');
  }, PARENT_CHECK_MS);
  orphaned.unref();
  try {
    return await runStack(options, stop.signal, stackLog(options.logLevel));
  } finally {
    clearInterval(orphaned);
    for (const signal of signals) process.off(signal, onSignal);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`stack: ${err instanceof StackError ? err.message : errorMessage(err)}`);
    process.exit(1);
  },
);

function packageVersion(): string {
  const manifest = readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}
