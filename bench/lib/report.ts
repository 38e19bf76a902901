// Turns rows from one or more runs into medians and prints them as one table per scenario.
import type { Row, Unit } from './rows';
import { ratioOf, targetText, verdict } from './rows';
import { median } from './stats';

export interface MergedRow extends Row {
  ratio?: number;
  target: string;
  verdict: string;
  perRun: { emulator: number; floor?: number; ratio?: number }[];
}

/** Medians of emulator, floor and of the per-run ratios (each run's floor is its own). */
export function mergeRuns(runs: readonly Row[][]): MergedRow[] {
  const groups = new Map<string, Row[]>();
  for (const rows of runs)
    for (const r of rows) {
      const key = `${r.scenario}\u0000${r.metric}`;
      const list = groups.get(key) ?? [];
      list.push(r);
      groups.set(key, list);
    }
  return [...groups.values()].map((list) => {
    const first = list[0]!;
    const perRun = list.map((r) => {
      const ratio = ratioOf(r);
      return {
        emulator: r.emulator,
        ...(r.floor !== undefined ? { floor: r.floor } : {}),
        ...(ratio !== undefined ? { ratio } : {}),
      };
    });
    const emulator = median(perRun.map((r) => r.emulator));
    const floors = perRun.map((r) => r.floor);
    const floor = floors.some((f) => f !== undefined) ? median(floors) : undefined;
    const ratios = perRun.map((r) => r.ratio);
    const ratio = ratios.some((x) => x !== undefined) ? median(ratios) : undefined;
    const flags = mergeFlags(list.flatMap((r) => r.flags ?? []));
    return {
      ...first,
      emulator,
      ...(floor !== undefined ? { floor } : {}),
      ...(ratio !== undefined ? { ratio } : {}),
      flags,
      target: targetText(first.check, first.unit),
      verdict: verdict(first.check, emulator, ratio),
      perRun,
    };
  });
}

/** One flag per kind across runs; for counted flags ('background CPU 40%') the largest count. */
function mergeFlags(flags: readonly string[]): string[] {
  const byKind = new Map<string, { text: string; n: number }>();
  for (const text of flags) {
    const kind = text.replace(/\d+/g, '#');
    const n = Number(/\d+/.exec(text)?.[0] ?? 0);
    const seen = byKind.get(kind);
    if (!seen || n > seen.n) byKind.set(kind, { text, n });
  }
  return [...byKind.values()].map((f) => f.text);
}

export function formatValue(v: number | undefined, unit: Unit): string {
  if (v === undefined) return '—';
  if (!Number.isFinite(v)) return 'n/a';
  switch (unit) {
    case '/s':
      return `${Math.round(v).toLocaleString('en-US')}/s`;
    case 'µs':
      if (v >= 1e6) return `${(v / 1e6).toFixed(2)} s`;
      if (v >= 1000) return `${(v / 1000).toFixed(2)} ms`;
      return v < 10 ? `${v.toFixed(1)} µs` : `${Math.round(v)} µs`;
    case 'ms':
      return `${v.toFixed(2)} ms`;
    case 'KB':
      return `${v.toFixed(1)} KB`;
    case '%':
      return `${Math.round(v)} %`;
    case 'count':
      return Math.round(v).toLocaleString('en-US');
  }
}

const HEADER = ['scenario', 'metric', 'emulator', 'floor', 'ratio', 'target', 'pass/fail', 'notes'];

export function renderTable(rows: readonly MergedRow[]): string {
  const cells = rows.map((r) => [
    r.scenario,
    r.metric,
    formatValue(r.emulator, r.unit),
    formatValue(r.floor, r.unit),
    r.ratio === undefined ? '—' : `${r.ratio.toFixed(2)}×`,
    r.target,
    r.verdict,
    (r.flags ?? []).join(', '),
  ]);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(HEADER), rule, ...cells.map(line)].join('\n');
}
