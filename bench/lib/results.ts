// Writes one run of `npm run bench` to bench/results/<timestamp>.json (git-ignored).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { MachineInfo } from './machine';
import type { MergedRow } from './report';
import type { ScenarioOutput } from './scenario';

export interface ScenarioRun extends ScenarioOutput {
  seconds: number;
  error?: string;
}

export interface BenchResults {
  command: string;
  startedAt: string;
  seconds: number;
  machine: MachineInfo;
  options: { only: string[]; runs: number };
  /** Medians over the runs: what the tables show. */
  summary: MergedRow[];
  runs: { run: number; scenarios: Record<string, ScenarioRun> }[];
}

/** dist/bench/lib → the repository root. */
const ROOT = path.resolve(__dirname, '..', '..', '..');

export function writeResults(results: BenchResults): string {
  const dir = path.join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const file = path.join(dir, `${stamp}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  return path.relative(process.cwd(), file) || file;
}
