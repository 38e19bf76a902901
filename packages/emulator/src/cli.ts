#!/usr/bin/env node
// `npm run emulator -- --port 8080 --key <key> --config <file>`: the emulator on its own.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { WELL_KNOWN_ACCESS_KEY } from './auth/well-known-key';
import { parseEmulatorConfig } from './config';
import type { LogLevel } from './logger';
import { startEmulator } from './server';

const USAGE = `Azure Web PubSub emulator (local development only)

Usage: wps-emulator [options]        (npm run emulator -- [options] in this repository)
  --port N         port to listen on (default 8080; 0 = any free port)
  --host H         interface to listen on (default 127.0.0.1)
  --key K          access key (default: the public well-known local key; env EMULATOR_ACCESS_KEY)
  --config FILE    hub settings: { "hubs": { "<hub>": { "eventHandlers": [ { "urlTemplate",
                   "userEventPattern", "systemEvents": [...] } ] } } }
  --log-level L    debug | info | warn | error | silent (default info)
  --inspector-port N
                   the inspector page and API, loopback only (default: port + 1, or any free
                   port with --port 0; off = no inspector)
  --allow-remote-with-well-known-key
                   listen beyond loopback with the public key (anyone could then use it)
  --version, --help`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      key: { type: 'string' },
      config: { type: 'string' },
      'log-level': { type: 'string' },
      'inspector-port': { type: 'string' },
      'allow-remote-with-well-known-key': { type: 'boolean' },
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
    console.log(packageVersion());
    return;
  }
  const config = values.config ? parseEmulatorConfig(readJson(values.config)) : { hubs: {} };
  const accessKey = values.key ?? process.env.EMULATOR_ACCESS_KEY ?? WELL_KNOWN_ACCESS_KEY;
  const port = values.port === undefined ? 8080 : Number(values.port);
  const emulator = await startEmulator({
    port,
    accessKey,
    hubs: config.hubs,
    logLevel: (values['log-level'] ?? 'info') as LogLevel,
    allowRemoteWithWellKnownKey: values['allow-remote-with-well-known-key'] ?? false,
    ...(values.host ? { host: values.host } : {}),
    inspectorPort: inspectorPort(values['inspector-port'], port),
  });
  // Listen for signals before printing: whoever reads the output may stop us right away.
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Started with an IPC channel (by the stack), it stops when its parent does, however it died.
  process.once('disconnect', stop);
  const hubs = Object.keys(config.hubs);
  console.log(`Azure Web PubSub emulator listening on ${emulator.url} (local development only)`);
  console.log(`Hubs with event handlers: ${hubs.length ? hubs.join(', ') : '(none)'}`);
  if (accessKey === WELL_KNOWN_ACCESS_KEY) {
    console.log(
      'Access key: the well-known LOCAL key (public, not a secret; never use it to protect data)',
    );
  }
  console.log(`Connection string: ${emulator.connectionString}`);
  if (emulator.inspectorUrl) console.log(`Inspector: ${emulator.inspectorUrl}`);
}

function inspectorPort(flag: string | undefined, port: number): number | false {
  if (flag === 'off') return false;
  if (flag !== undefined) return Number(flag);
  return port === 0 ? 0 : port + 1;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read config file ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`Config file ${file} is not valid JSON: ${(err as Error).message}`);
  }
}

main().catch((err: unknown) => {
  console.error(`emulator: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

function packageVersion(): string {
  const manifest = readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}
