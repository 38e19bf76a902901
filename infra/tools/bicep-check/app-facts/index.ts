// What the app needs from its infrastructure, collected from the code itself: the settings it
// reads, its binding connections, the Web PubSub events its triggers handle, its queues and
// tables, and the packages it loads (which decide the roles its identity needs).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { LoadedAppFacts } from './load-app';
import type { SettingRead } from './settings-scan';
import { scanAppSources } from './settings-scan';

export type ConnectionKind = 'webpubsub' | 'storage';

export interface AppFacts {
  /** Settings read by the code or named by bindings (`connection`, `%Setting%`). */
  settings: SettingRead[];
  unresolved: SettingRead[];
  connections: Map<string, ConnectionKind>;
  events: { system: string[]; user: string[] };
  queues: string[];
  tables: string[];
  bindingTypes: string[];
  packages: string[];
  /** `Values` of local.settings.json. */
  localSettings: Record<string, string>;
}

const STORAGE_BINDINGS = new Set(['queue', 'queueTrigger', 'blob', 'blobTrigger', 'table']);

export function gatherAppFacts(appRoot: string, loader = builtLoader(appRoot)): AppFacts {
  // A child process: the app's module state (and our fake core) never leak into the caller.
  const loaded = JSON.parse(
    execFileSync(process.execPath, [loader, appRoot], { encoding: 'utf8' }),
  ) as LoadedAppFacts;
  const scan = scanAppSources(appRoot);
  const bindings = factsFromBindings(loaded, appRoot);
  return {
    ...bindings,
    settings: [...bindings.settings, ...scan.reads],
    unresolved: scan.unresolved,
    tables: [...new Set(scan.tables)].sort(),
    localSettings: localSettings(appRoot),
  };
}

export function factsFromBindings(loaded: LoadedAppFacts, appRoot: string) {
  const settings: SettingRead[] = [];
  const connections = new Map<string, ConnectionKind>();
  const system = new Set<string>();
  const user = new Set<string>();
  const queues = new Set<string>();
  const types = new Set<string>();
  const file = path.join(appRoot, 'package.json');
  for (const fn of loaded.functions) {
    for (const b of Object.values(fn.bindings)) {
      const type = String(b.type);
      types.add(type);
      const kind = type.startsWith('webPubSub')
        ? 'webpubsub'
        : STORAGE_BINDINGS.has(type)
          ? 'storage'
          : undefined;
      const names: unknown[] = [
        b.connection,
        ...(Array.isArray(b.connections) ? (b.connections as unknown[]) : []),
      ];
      for (const name of names) {
        if (typeof name !== 'string' || !kind) continue;
        connections.set(name, kind);
        settings.push({ name, file, line: 0 });
      }
      for (const value of Object.values(b)) {
        for (const m of String(value).matchAll(/%([^%]+)%/g))
          settings.push({ name: m[1]!, file, line: 0 });
      }
      if (type === 'webPubSubTrigger')
        (b.eventType === 'system' ? system : user).add(String(b.eventName));
      if (typeof b.queueName === 'string') queues.add(b.queueName);
      if (type === 'queueTrigger') queues.add(`${String(b.queueName)}-poison`);
    }
  }
  // The host itself always needs its storage (keys, leases, timers, the Flex package).
  connections.set('AzureWebJobsStorage', 'storage');
  return {
    settings,
    connections,
    events: { system: [...system].sort(), user: [...user].sort() },
    queues: [...queues].sort(),
    bindingTypes: [...types].sort(),
    packages: loaded.packages,
  };
}

// Next to this file once built; from the TypeScript sources (tests), the app's own build.
function builtLoader(appRoot: string): string {
  const here = path.join(__dirname, 'load-app.js');
  return existsSync(here)
    ? here
    : path.join(appRoot, 'dist/infra/tools/bicep-check/app-facts/load-app.js');
}

function localSettings(appRoot: string): Record<string, string> {
  const file = path.join(appRoot, 'local.settings.json');
  if (!existsSync(file)) return {};
  const json = JSON.parse(readFileSync(file, 'utf8')) as { Values?: Record<string, unknown> };
  return Object.fromEntries(Object.entries(json.Values ?? {}).map(([k, v]) => [k, String(v)]));
}
