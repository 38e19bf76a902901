// What is left of a process group: tests of hard kills (`kill -9` of a group leader and its
// children) check that nothing in the group survived.
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Live (not zombie) pids in a process group, from /proc (Linux). */
export function groupMembers(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z') pids.push(Number(entry));
    } catch {
      // The process ended while listing.
    }
  }
  return pids;
}

/** True once no process is left in the group (dead ones not yet reaped count as gone). */
export async function groupGone(pgid: number, timeoutMs = 5000): Promise<boolean> {
  const empty = () => {
    if (process.platform === 'linux') return groupMembers(pgid).length === 0;
    try {
      process.kill(-pgid, 0);
      return false;
    } catch {
      return true;
    }
  };
  for (const end = Date.now() + timeoutMs; Date.now() < end;) {
    if (empty()) return true;
    await sleep(50);
  }
  return false;
}
