// The stack CLI (`packages/stack/dist/cli.js`) as users run it, for the stack-cli test files: a
// child per stack with its output kept, waits on its banner, free ports, and clean-up.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expect } from 'vitest';

import { eventually } from './eventually';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const CLI = path.join(REPO_ROOT, 'packages/stack/dist/cli.js');
export const HOST_APP = path.join(REPO_ROOT, 'test/fixtures/host-app');
export const BANNER_END = 'Press Ctrl-C to stop.';
export const START_TIMEOUT_MS = 60_000;
/** This file's scratch folder (removed after its tests). */
export const dir = mkdtempSync(path.join(tmpdir(), 'stack-cli-'));
const running = new Set<ReturnType<typeof run>>();

/** Stops any stack a failed test left up, the way users do, and removes the scratch folder. */
export async function cleanUp(): Promise<void> {
  for (const stack of running) stack.child.kill('SIGTERM');
  await Promise.all([...running].map((s) => s.exited));
  rmSync(dir, { recursive: true, force: true });
}

export function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const stack = { child, exited, output: () => out };
  running.add(stack);
  void exited.then(() => running.delete(stack));
  return stack;
}

/** Waits for the URL banner; fails at once, with the output, if the stack exits instead. */
export async function started(stack: ReturnType<typeof run>): Promise<string> {
  await eventually(
    () => {
      if (stack.child.exitCode !== null) throw new Error(`stack exited:\n${stack.output()}`);
      return stack.output().includes(BANNER_END);
    },
    'the URL banner',
    START_TIMEOUT_MS,
    50,
  );
  return stack.output();
}

export function url(output: string, label: string): string {
  const match = new RegExp(`^ +${label} +(http://\\S+)`, 'm').exec(output);
  if (!match?.[1]) throw new Error(`no ${label} URL in:\n${output}`);
  return match[1];
}

export async function isFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Free ports for one stack: host, emulator, and three consecutive ones for Azurite. */
async function freePorts() {
  for (;;) {
    const storage = await freePort();
    if (storage > 65533 || !(await isFree(storage + 1)) || !(await isFree(storage + 2))) continue;
    const [port, emulator] = [await freePort(), await freePort()];
    // The emulator's inspector listens on the next port.
    if (emulator > 65534 || !(await isFree(emulator + 1))) continue;
    const all = [port, emulator, emulator + 1, storage, storage + 1, storage + 2];
    if (new Set(all).size === all.length) return { port, emulator, storage, all };
  }
}

export async function stackArgs() {
  const ports = await freePorts();
  const storageDir = mkdtempSync(path.join(dir, 'azurite-'));
  const args = [
    ['--port', ports.port],
    ['--emulator-port', ports.emulator],
    ['--storage-port', ports.storage],
    ['--storage-dir', storageDir],
  ].flatMap(([flag, value]) => [String(flag), String(value)]);
  return { ports, args };
}

export async function expectAllFree(ports: number[]): Promise<void> {
  for (const port of ports) expect(await isFree(port), `port ${port} is free again`).toBe(true);
}
