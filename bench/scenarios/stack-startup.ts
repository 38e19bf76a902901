// START: how long the local stack takes to be usable, as a developer and a test file meet it:
// emulator + host from spawn to ready (no Azurite), the whole stack through the test kit (Azurite in
// memory, hubs configured from the app), for this repository's chat app and a plain-JS app; and the
// test kit's reset(). Floor: starting `node` itself with nothing to run, measured in the same run.
import { fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startLocalStack } from '@wps-local/test-kit';

import { REPO_ROOT } from '../lib/host-child';
import type { Row } from '../lib/rows';
import { row } from '../lib/rows';
import type { Scenario } from '../lib/scenario';
import { median, round } from '../lib/stats';

const RUNS = 3;
const APPS: { name: string; dir: string; settings: Record<string, string> }[] = [
  { name: 'chat app', dir: REPO_ROOT, settings: { WebPubSubHub: 'chat' } },
  { name: 'plain-JS app', dir: path.join(REPO_ROOT, 'test/fixtures/host-app'), settings: {} },
];
const EMULATOR_CLI = path.join(REPO_ROOT, 'packages/emulator/dist/cli.js');
const HOST_CLI = path.join(REPO_ROOT, 'packages/functions-host/dist/cli.js');

/** Starting a Node process that does nothing: what any part pays before its own work. */
async function nodeFloorMs(): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await once(child, 'exit');
  return performance.now() - t0;
}

/** Emulator and host spawned together on free ports, until both say they are ready. */
async function emulatorAndHostMs(app: string, settings: Record<string, string>): Promise<number> {
  const keys = mkdtempSync(path.join(tmpdir(), 'bench-start-'));
  const t0 = performance.now();
  const emulator = spawn(process.execPath, [EMULATOR_CLI, '--port', '0', '--log-level', 'warn'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const args = ['--app', app, '--port', '0', '--log-level', 'warn'];
  const host = fork(HOST_CLI, [...args, '--keys-file', path.join(keys, 'keys.json')], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, ...settings },
  });
  try {
    await Promise.all([
      new Promise<void>((resolve) => {
        let out = '';
        emulator.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('listening on')) resolve();
        });
      }),
      new Promise<void>((resolve, reject) => {
        host.on('message', (m: { type?: string; message?: string }) =>
          m.type === 'ready' ? resolve() : reject(new Error(m.message)),
        );
      }),
    ]);
    return performance.now() - t0;
  } finally {
    for (const child of [emulator, host]) {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
    rmSync(keys, { recursive: true, force: true });
  }
}

async function stackAndResetMs(app: (typeof APPS)[number]) {
  const t0 = performance.now();
  const stack = await startLocalStack({ appDir: app.dir, settings: app.settings });
  const startMs = performance.now() - t0;
  try {
    // Something to reset: connected clients in a group (of a hub with no event handler, so the
    // app's own connect rules stay out of it).
    const clients = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        stack.connect({ userId: `u${i}`, groups: ['g'], hub: 'benchreset' }),
      ),
    );
    if (clients.length !== 10) throw new Error('clients did not connect');
    const t1 = performance.now();
    await stack.reset();
    return { startMs, resetMs: performance.now() - t1 };
  } finally {
    await stack.close();
  }
}

export const stackStartup: Scenario = {
  id: 'START',
  title: 'local stack start-up (spawn to ready) and the test kit reset()',
  budgetMs: 180_000,
  async run() {
    const floor: number[] = [];
    for (let i = 0; i < RUNS; i++) floor.push(await nodeFloorMs());
    const rows: Row[] = [];
    const raw: Record<string, unknown> = { nodeFloorMs: floor };
    for (const app of APPS) {
      const pair: number[] = [];
      const whole: number[] = [];
      const reset: number[] = [];
      for (let i = 0; i < RUNS; i++) pair.push(await emulatorAndHostMs(app.dir, app.settings));
      for (let i = 0; i < RUNS; i++) {
        const r = await stackAndResetMs(app);
        whole.push(r.startMs);
        reset.push(r.resetMs);
      }
      raw[app.name] = { emulatorAndHostMs: pair, stackMs: whole, resetMs: reset };
      const f = median(floor);
      const ms = (xs: number[]) => round(median(xs), 1);
      rows.push(
        row(`${app.name}: emulator + host`, 'ready', 'ms', ms(pair), round(f, 1), {
          kind: '<',
          value: 1500,
        }),
        row(`${app.name}: whole stack (test kit)`, 'ready', 'ms', ms(whole), round(f, 1), {
          kind: '<',
          value: 3000,
        }),
        row(`${app.name}: reset()`, '10 clients', 'ms', ms(reset), undefined, {
          kind: '<',
          value: 100,
        }),
      );
    }
    return {
      rows,
      raw,
      notes: [
        `floor: a bare \`node -e ""\` from spawn to exit (median ${round(median(floor), 1)} ms); each part is at least one such process.`,
        "the whole stack starts Azurite and the emulator together, then the host, then reads the app's functions and configures the hubs.",
      ],
    };
  },
};
