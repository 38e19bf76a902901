// BENCH_INSPECTOR=watched: an inspector page's live log open on the emulator for the whole run (the
// log written, sampled above its rate and streamed), to measure what one open page costs against a
// closed one. The "page" is a separate process reading the stream, as a browser would be.
import { spawn } from 'node:child_process';
import { once } from 'node:events';

import type { RunningEmulator } from '@wps-local/emulator';

const READER = `
fetch(new URL('events', process.argv[1])).then(async (res) => {
  if (!res.ok) process.exit(2);
  process.send('watching');
  for await (const _ of res.body);
});`;

export async function watchIfAsked(
  emulator: RunningEmulator,
): Promise<{ close(): void } | undefined> {
  if (process.env.BENCH_INSPECTOR !== 'watched' || !emulator.inspectorUrl) return undefined;
  // The page's API lives under /inspector/api/ on the inspector's port.
  const api = new URL('/inspector/api/', emulator.inspectorUrl).href;
  const reader = spawn(process.execPath, ['-e', READER, api], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await once(reader, 'message');
  return { close: () => reader.kill() };
}
