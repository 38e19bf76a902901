// A result row (one metric of one scenario, emulator next to its floor) and its target check.
import { CLIENT_BOUND_PCT } from './cpu';
import { FOREIGN_CPU_FLAG_PCT } from './machine-cpu';

export type Unit = '/s' | 'µs' | 'KB' | 'ms' | '%' | 'count';

export type Check =
  | { kind: 'ratio>='; value: number }
  | { kind: 'ratio<='; value: number }
  | { kind: '<'; value: number }
  | { kind: '>='; value: number }
  | { kind: 'info' };

export interface Row {
  scenario: string;
  metric: string;
  unit: Unit;
  emulator: number;
  /** The raw floor measured in the same run (absent for absolute targets). */
  floor?: number;
  check: Check;
  /** e.g. 'client-bound', 'timed out'. */
  flags?: string[];
  /** CPU% (100 = one core) of the server and the load-generating client, per side. */
  cpu?: { emulator: CpuPair; floor?: CpuPair };
}

export interface CpuPair {
  server: number;
  client: number;
}

/** emulator ÷ floor, for ratio targets and report-only rows (absolute targets have none). */
export function ratioOf(row: Pick<Row, 'emulator' | 'floor' | 'check'>): number | undefined {
  if (row.check.kind === '<' || row.check.kind === '>=') return undefined;
  if (row.floor === undefined || !Number.isFinite(row.floor) || row.floor === 0) return undefined;
  return row.emulator / row.floor;
}

/** PASS / FAIL against the target, or '—' for report-only rows. */
export function verdict(check: Check, emulator: number, ratio: number | undefined): string {
  if (!Number.isFinite(emulator)) return check.kind === 'info' ? '—' : 'FAIL';
  switch (check.kind) {
    case 'ratio>=':
      return ratio !== undefined && ratio >= check.value ? 'PASS' : 'FAIL';
    case 'ratio<=':
      return ratio !== undefined && ratio <= check.value ? 'PASS' : 'FAIL';
    case '<':
      return emulator < check.value ? 'PASS' : 'FAIL';
    case '>=':
      return emulator >= check.value ? 'PASS' : 'FAIL';
    case 'info':
      return '—';
  }
}

export function targetText(check: Check, unit: Unit): string {
  switch (check.kind) {
    case 'ratio>=':
      return `≥ ${check.value}×`;
    case 'ratio<=':
      return `≤ ${check.value}×`;
    case '<':
      return `< ${absolute(check.value, unit)}`;
    case '>=':
      return `≥ ${absolute(check.value, unit)}`;
    case 'info':
      return 'report';
  }
}

function absolute(value: number, unit: Unit): string {
  return unit === 'count' ? value.toLocaleString('en-US') : `${value} ${unit}`;
}

/** Flags a measurement during which other processes on the box used noticeable CPU. */
export function busyBox(...foreignPcts: (number | undefined)[]): string[] {
  const worst = Math.max(0, ...foreignPcts.filter((p): p is number => Number.isFinite(p)));
  return worst >= FOREIGN_CPU_FLAG_PCT ? [`background CPU ${Math.round(worst)}%`] : [];
}

/** Flags a run whose load generator saturated its core. */
export function clientBound(...cpuPcts: (number | undefined)[]): string[] {
  return cpuPcts.some((p) => p !== undefined && p >= CLIENT_BOUND_PCT) ? ['client-bound'] : [];
}

/** A report-only check. */
export const INFO: Check = { kind: 'info' };

/** A row without flags or CPU (spread it and add them); `floor` is left out when undefined. */
export function row(
  scenario: string,
  metric: string,
  unit: Unit,
  emulator: number,
  floor: number | undefined,
  check: Check = INFO,
): Row {
  return {
    scenario,
    metric,
    unit,
    emulator,
    ...(floor !== undefined ? { floor } : {}),
    check,
  };
}

/** What a measured side recorded of its own CPU and of the rest of the box. */
export interface CpuMeasured {
  serverCpuPct: number;
  clientCpuPct: number;
  foreignCpuPct?: number;
}

/** Server and client CPU of an emulator measurement and of its floor, for `Row['cpu']`. */
export function cpuOf(emu: CpuMeasured, floor: CpuMeasured): NonNullable<Row['cpu']> {
  return {
    emulator: { server: emu.serverCpuPct, client: emu.clientCpuPct },
    floor: { server: floor.serverCpuPct, client: floor.clientCpuPct },
  };
}

/** 'client-bound' and background-CPU flags of an emulator measurement against its floor. */
export function loadFlags(emu: CpuMeasured, floor: CpuMeasured): string[] {
  return [
    ...clientBound(emu.clientCpuPct, floor.clientCpuPct),
    ...busyBox(emu.foreignCpuPct, floor.foreignCpuPct),
  ];
}
