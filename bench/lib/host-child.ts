// The runner's side of servers/host-server: which Function App to load (the bench app or this
// repository's chat app) and with which settings, and the started host's address.
import path from 'node:path';

import type { Child } from './child';
import type { BenchContext } from './context';

/** dist/bench/lib → the repository root (the chat app: package.json main = dist/functions/*.js). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** The bench's own small app (echo, connect/connected, HTTP echo), plain CommonJS. */
export const BENCH_APP = path.join(REPO_ROOT, 'bench', 'apps', 'host-bench');

export interface HostStart {
  app: string;
  settings: Record<string, string>;
}

export interface HostStarted {
  port: number;
  /** http://127.0.0.1:PORT */
  url: string;
  functions: number;
  /** The Web PubSub webhook with the extension's system key, as the service calls it. */
  webhook: string;
}

export interface HostChild extends HostStarted {
  child: Child;
}

export async function startHostChild(
  ctx: BenchContext,
  app: string,
  settings: Record<string, string>,
): Promise<HostChild> {
  const child = await ctx.start('servers', 'host-server');
  const started = await child.call<HostStarted>(
    'start',
    { app, settings } satisfies HostStart,
    30_000,
  );
  return { child, ...started };
}
