// The stack's hard kill (what `killHost()` does to the host): SIGKILL to a child's whole process
// group, so the child's own children (the host's language worker) die with it, even when the child
// would ignore SIGTERM; the kill resolves once the child has exited.
import { spawn } from 'node:child_process';
import { once } from 'node:events';

import { describe, expect, it } from 'vitest';

import { SupervisedChild } from '../../packages/stack/src/child';
import { groupGone, groupMembers } from '../setup/process-group';

// A parent that ignores SIGTERM and forks a worker, as the host does; it reports the worker's pid.
const PARENT = `
process.on('SIGTERM', () => {});
const worker = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
  stdio: 'ignore',
});
worker.on('spawn', () => process.send(worker.pid));
setInterval(() => {}, 1000);
`;

describe.skipIf(process.platform === 'win32')('SupervisedChild.kill', () => {
  it('kills the child and its children with SIGKILL to their process group', async () => {
    const child = new SupervisedChild(
      spawn(process.execPath, ['-e', PARENT], {
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        detached: true,
      }),
      { name: 'parent', echo: false },
    );
    const [workerPid] = (await once(child.child, 'message')) as [number];
    const group = child.child.pid!;
    try {
      if (process.platform === 'linux') {
        expect(groupMembers(group).sort()).toEqual([group, workerPid].sort());
      }
      await child.kill(5000);
      expect(child.running).toBe(false);
      expect(await child.exited).toEqual({ code: null, signal: 'SIGKILL' });
      expect(await groupGone(group)).toBe(true);
    } finally {
      // Whatever the outcome, nothing of the group outlives the test.
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
  });
});
