#!/usr/bin/env node
// `npm start` / `npm run start:func`: the whole local stack in one command (see `--help`).
import { errorMessage, StackError } from './errors';
import { stackLog } from './log';
import { parseStackArgs, USAGE } from './options';
import { runStack } from './stack';

async function main(): Promise<number> {
  const options = parseStackArgs(process.argv.slice(2));
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const stop = new AbortController();
  // Every signal after the first is ignored: stopping is already under way, and bounded.
  const onSignal = (signal: NodeJS.Signals) => {
    if (!stop.signal.aborted) console.log(`\nstack: ${signal}: stopping (reverse order)`);
    stop.abort();
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, onSignal);
  try {
    return await runStack(options, stop.signal, stackLog(options.logLevel));
  } finally {
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
