// The shape of a scenario: it measures the emulator and its floors, and returns rows and raw data.
import type { BenchContext } from './context';
import type { Row } from './rows';

export interface ScenarioOutput {
  rows: Row[];
  /** Every number measured, for the JSON file. */
  raw: Record<string, unknown>;
  notes: string[];
}

export interface Scenario {
  id: string;
  title: string;
  /** Hard limit for one run of the scenario. */
  budgetMs: number;
  run(ctx: BenchContext): Promise<ScenarioOutput>;
}
