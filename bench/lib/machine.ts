// The machine a run happened on: CPUs, memory, Node, the open-files limit, whether wrk exists.
import { spawnSync } from 'node:child_process';
import os from 'node:os';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  totalMemMb: number;
  node: string;
  platform: string;
  release: string;
  /** `ulimit -n` of this process (children inherit it); every socket needs one descriptor. */
  openFilesLimit: number | null;
  /** Path of wrk when it is on PATH. */
  wrk: string | null;
  /** 1, 5, 15 minutes when the run started: anything well above 0 means the box is shared. */
  loadAverage: number[];
}

function shell(cmd: string): string | null {
  const r = spawnSync('/bin/sh', ['-c', cmd], { encoding: 'utf8', timeout: 5000 });
  const out = r.status === 0 ? r.stdout.trim() : '';
  return out === '' ? null : out;
}

export function machineInfo(): MachineInfo {
  const limit = shell('ulimit -n');
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    totalMemMb: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    platform: os.platform(),
    release: os.release(),
    openFilesLimit: limit === null || limit === 'unlimited' ? null : Number(limit),
    wrk: shell('command -v wrk'),
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
