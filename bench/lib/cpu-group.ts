// CPU of several server processes over one measured window (100 = one core): bench children read
// their own meters, plain processes such as Azurite are read from /proc/<pid>/stat.
import { readFileSync } from 'node:fs';

import type { Child } from './child';
import { nowUs } from './stats';

export interface CpuSource {
  name: string;
  reset(): Promise<void>;
  read(): Promise<number>;
}

export function childCpu(name: string, child: Child): CpuSource {
  return { name, reset: () => child.cpuReset(), read: async () => (await child.stats()).cpuPct };
}

/** Linux clock ticks per second (USER_HZ), 100 on every mainstream kernel. */
const TICKS_PER_SECOND = 100;

function procTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return NaN;
  }
}

export function pidCpu(name: string, pid: number): CpuSource {
  let t0 = procTicks(pid);
  let at = nowUs();
  return {
    name,
    reset: () => {
      t0 = procTicks(pid);
      at = nowUs();
      return Promise.resolve();
    },
    read: () => {
      const seconds = (nowUs() - at) / 1e6;
      return Promise.resolve(
        Math.round((100 * (procTicks(pid) - t0)) / TICKS_PER_SECOND / Math.max(seconds, 1e-3)),
      );
    },
  };
}

export class CpuGroup {
  constructor(readonly sources: readonly CpuSource[]) {}

  async reset(): Promise<void> {
    await Promise.all(this.sources.map((s) => s.reset()));
  }

  /** CPU% per process, by name. */
  async read(): Promise<Record<string, number>> {
    const values = await Promise.all(this.sources.map((s) => s.read()));
    return Object.fromEntries(this.sources.map((s, i) => [s.name, values[i]!]));
  }
}

export function sumCpu(byName: Record<string, number>): number {
  return Object.values(byName).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
}

/** "emulator 41%, host 63%" for notes. */
export function describeCpu(byName: Record<string, number>): string {
  return Object.entries(byName)
    .map(([name, pct]) => `${name} ${pct}%`)
    .join(', ');
}
