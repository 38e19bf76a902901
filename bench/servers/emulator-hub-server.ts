// Server process: the emulator whose hubs the runner configures (`hub` command: event handlers
// pointing at an offline host), for the scenarios that go through upstream events.
import type { HubSettings } from '@wps-local/emulator';
import { startEmulator } from '@wps-local/emulator';

import { serveControl } from '../lib/control';
import { watchIfAsked } from '../lib/inspector-watch';
import { startProfiler } from '../lib/profile';

async function main(): Promise<void> {
  const profiler = startProfiler('emulator');
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
  const watcher = await watchIfAsked(emulator);
  serveControl(
    emulator.port,
    {
      accessKey: emulator.accessKey,
      url: emulator.url,
      connectionString: emulator.connectionString,
      inspectorWatched: watcher !== undefined,
    },
    {
      hub: (arg) => {
        const { name, settings } = arg as { name: string; settings: HubSettings };
        emulator.configureHub(name, settings);
      },
      connections: () => emulator.connectionCount(),
    },
    async () => {
      watcher?.close();
      await profiler?.stop();
      await emulator.close();
    },
  );
}

void main();
