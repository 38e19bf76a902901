// Machine-wide CPU busy time from /proc/stat (100 = one core), to tell when processes other than
// the benchmark's own took CPU during a measurement: the box may be shared.
import { readFileSync } from 'node:fs';
import os from 'node:os';

interface Ticks {
  busy: number;
  total: number;
}

function ticks(): Ticks | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return undefined; // not Linux
  }
}

export class MachineCpu {
  private t0 = ticks();

  private readonly cpus = os.cpus().length;

  reset(): void {
    this.t0 = ticks();
  }

  /** Busy % of the whole machine since reset (100 = one core), or NaN off Linux. */
  read(): number {
    const t1 = ticks();
    if (!this.t0 || !t1 || t1.total === this.t0.total) return NaN;
    return Math.round((100 * this.cpus * (t1.busy - this.t0.busy)) / (t1.total - this.t0.total));
  }
}

/** CPU% the measurement's own processes did not account for (other work on the box). */
export function foreignCpu(machineBusyPct: number, ...own: number[]): number {
  return Math.max(0, machineBusyPct - own.reduce((a, b) => a + b, 0));
}

/** Above this, another process took a noticeable share of the cores during the measurement. */
export const FOREIGN_CPU_FLAG_PCT = 25;
