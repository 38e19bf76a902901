#!/usr/bin/env node
// `wps-functions-host [--app DIR] [--port N]`: the offline Functions host on its own, printing what
// `func start` prints. When started with an IPC channel it reports `{ type: 'ready', url, ... }`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { AUTH_SETTING } from './auth';
import { errorMessage } from './errors';
import type { HostLogLevel } from './logger';
import { startHost } from './server';

const USAGE = `Offline Azure Functions host (local development only)

Usage: wps-functions-host [options]     (in the Function App's folder, as func start)
  --app DIR          Function App folder (default: current directory)
  --port N           port (default 7071; 0 = any free port)
  --host H           interface to listen on (default 127.0.0.1)
  --keys-file FILE   host keys file (default <app>/.host-keys/host.json)
  --setting K=V      app setting that wins over local.settings.json (repeatable)
  --log-level L      debug | info | warn | error | silent (default info)
  --auth             local sign-in standing in for App Service Authentication (/.auth/login/aad,
                     x-ms-client-principal* headers); same as --setting WEBSITE_AUTH_ENABLED=true
  --version, --help`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      app: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'keys-file': { type: 'string' },
      setting: { type: 'string', multiple: true },
      'log-level': { type: 'string' },
      auth: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.version) {
    const manifest = readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8');
    console.log((JSON.parse(manifest) as { version: string }).version);
    return;
  }
  const settings: Record<string, string> = {};
  for (const pair of values.setting ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--setting expects NAME=VALUE, got '${pair}'`);
    settings[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  if (values.auth) settings[AUTH_SETTING] = 'true';
  const host = await startHost({
    port: values.port === undefined ? 7071 : Number(values.port),
    settings,
    logLevel: (values['log-level'] ?? 'info') as HostLogLevel,
    ...(values.app ? { appRoot: values.app } : {}),
    ...(values.host ? { host: values.host } : {}),
    ...(values['keys-file'] ? { keysFile: values['keys-file'] } : {}),
  });
  const stop = () => {
    void host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
  console.log(`Offline Functions host listening on ${host.url} (local development only)`);
  process.send?.({
    type: 'ready',
    url: host.url,
    port: host.port,
    functions: host.functions,
    keys: host.keys,
  });
}

main().catch((err: unknown) => {
  const message = `host: ${errorMessage(err)}`;
  console.error(message);
  process.send?.({ type: 'error', message });
  process.exit(1);
});
