// CPU use of the current process over a window (100 = one full core), from process.cpuUsage.
import { nowUs } from './stats';

export interface CpuReading {
  cpuPct: number;
  userPct: number;
  sysPct: number;
}

export class CpuMeter {
  private c0 = process.cpuUsage();
  private t0 = nowUs();

  reset(): void {
    this.c0 = process.cpuUsage();
    this.t0 = nowUs();
  }

  read(): CpuReading {
    const d = process.cpuUsage(this.c0);
    const dt = Math.max(1, nowUs() - this.t0);
    return {
      cpuPct: Math.round((100 * (d.user + d.system)) / dt),
      userPct: Math.round((100 * d.user) / dt),
      sysPct: Math.round((100 * d.system) / dt),
    };
  }
}

/** A load generator at or above this CPU% limits the run itself (PERF-BASELINES §4.5). */
export const CLIENT_BOUND_PCT = 95;
