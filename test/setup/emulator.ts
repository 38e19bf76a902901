// Starts a real emulator on a free loopback port for one test file, quiet and with short retry delays.
import type { EmulatorOptions, RunningEmulator } from '@wps-local/emulator';
import { startEmulator } from '@wps-local/emulator';
import { afterAll, beforeAll } from 'vitest';

export const TEST_HUB = 'chat';

export function useEmulator(options: EmulatorOptions = {}): () => RunningEmulator {
  let emulator: RunningEmulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      logLevel: 'silent',
      upstreamRetryDelaysMs: [10, 10, 10],
      ...options,
    });
  });
  afterAll(async () => {
    await emulator?.close();
  });
  return () => {
    if (!emulator) throw new Error('the emulator has not started');
    return emulator;
  };
}

let counter = 0;
/** Unique names per test so tests never see each other's users and groups. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${++counter}`;
}
