// Rows and notes shared by the scenarios that measure a multi-process path (emulator + host, or
// its floor): flags, CPU pairs, server CPU per operation, and a CPU breakdown line.
import { describeCpu } from './cpu-group';
import type { PathMeasurement } from './path-round-trip';
import type { Row } from './rows';
import { cpuOf, loadFlags, row } from './rows';

export function pathFlags(emu: PathMeasurement, floor: PathMeasurement): string[] {
  return [
    ...loadFlags(emu, floor),
    ...(emu.errors ? [`${emu.errors} timeouts`] : []),
    ...(floor.errors ? [`floor ${floor.errors} timeouts`] : []),
  ];
}

export function pathCpu(emu: PathMeasurement, floor: PathMeasurement): NonNullable<Row['cpu']> {
  return cpuOf(emu, floor);
}

/** CPU µs all the path's servers spent per operation (report row). */
export function cpuPerOpRow(scenario: string, emu: PathMeasurement, floor: PathMeasurement): Row {
  const perOp = (m: PathMeasurement) => ((m.serverCpuPct / 100) * 1e6) / Math.max(m.opsPerSec, 1);
  return row(scenario, 'server CPU/RT', 'µs', perOp(emu), perOp(floor));
}

export function cpuNote(label: string, emu: PathMeasurement, floor: PathMeasurement): string {
  return (
    `${label}: ${describeCpu(emu.servers)}, runner ${emu.clientCpuPct}% | floor ` +
    `${describeCpu(floor.servers)}, runner ${floor.clientCpuPct}%`
  );
}
