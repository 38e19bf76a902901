// Server process: the Web PubSub emulator itself (silent, port 0), under the runner's control.
import { startEmulator } from '@wps-local/emulator';

import { serveControl } from '../lib/control';
import { watchIfAsked } from '../lib/inspector-watch';

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
  const watcher = await watchIfAsked(emulator);
  serveControl(
    emulator.port,
    { accessKey: emulator.accessKey, url: emulator.url, inspectorWatched: watcher !== undefined },
    { connections: () => emulator.connectionCount() },
    // close() terminates every socket from the server side first.
    async () => {
      watcher?.close();
      await emulator.close();
    },
  );
}

void main();
