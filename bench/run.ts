// Entry of `npm run bench`: runs the scenarios (servers and floors in fresh child processes each
// run), prints one table per scenario with medians and ratios, writes bench/results/<time>.json.
import { parseArgs, USAGE } from './lib/args';
import { BenchContext } from './lib/context';
import { machineInfo } from './lib/machine';
import type { MergedRow } from './lib/report';
import { mergeRuns, renderTable } from './lib/report';
import type { ScenarioRun } from './lib/results';
import { writeResults } from './lib/results';
import type { Scenario, ScenarioOutput } from './lib/scenario';
import { SCENARIOS } from './scenarios';

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} exceeded its ${ms / 1000} s budget`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

async function runScenario(ctx: BenchContext, s: Scenario): Promise<ScenarioRun> {
  const t0 = Date.now();
  let out: ScenarioOutput = { rows: [], raw: {}, notes: [] };
  let error: string | undefined;
  try {
    out = await withTimeout(s.run(ctx), s.budgetMs, s.id);
  } catch (err) {
    error = err instanceof Error ? (err.stack ?? err.message) : String(err);
    console.error(`  ${s.id} failed: ${error}`);
  } finally {
    await ctx.stopAll();
  }
  const seconds = (Date.now() - t0) / 1000;
  return error === undefined ? { ...out, seconds } : { ...out, seconds, error };
}

/** CPU of both sides for the rows that recorded it (last run). */
function cpuLines(run: ScenarioRun | undefined): string[] {
  return (run?.rows ?? [])
    .filter((r) => r.cpu)
    .map((r) => {
      const { emulator: e, floor: f } = r.cpu!;
      const floor = f ? ` | floor server ${f.server}%, client ${f.client}%` : '';
      return `  cpu ${r.scenario} ${r.metric}: emulator server ${e.server}%, client ${e.client}%${floor}`;
    });
}

function printScenario(s: Scenario, perRun: ScenarioRun[], merged: MergedRow[]): void {
  const median = perRun.length > 1 ? ` (median of ${perRun.length} runs)` : '';
  console.log(`\n${s.id} — ${s.title}${median}`);
  if (merged.length) console.log(renderTable(merged));
  for (const line of cpuLines(perRun.at(-1))) console.log(line);
  for (const note of perRun.at(-1)?.notes ?? []) console.log(`  note: ${note}`);
  perRun.forEach((r, i) => {
    if (r.error) console.log(`  error in run ${i + 1}: ${r.error.split('\n')[0]}`);
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const only = args.only ?? SCENARIOS.map((s) => s.id);
  const unknown = only.filter((id) => !SCENARIOS.some((s) => s.id === id));
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}\n${USAGE}`);
  const selected = SCENARIOS.filter((s) => only.includes(s.id));
  const machine = machineInfo();
  const startedAt = new Date().toISOString();
  const argv = process.argv.slice(2).join(' ');
  const command =
    process.env.npm_lifecycle_event === 'bench'
      ? `npm run bench${argv ? ` -- ${argv}` : ''}`
      : `node dist/bench/run.js${argv ? ` ${argv}` : ''}`;
  console.log(
    `bench: ${selected.map((s) => s.id).join(', ')} × ${args.runs} run(s) on ${machine.cpus} × ${machine.cpuModel}, node ${machine.node}, ulimit -n ${machine.openFilesLimit ?? 'unlimited'}, load average ${machine.loadAverage.join(' ')}`,
  );
  if ((machine.loadAverage[0] ?? 0) > 0.5)
    console.log('  the machine is not idle: expect noise (see the "background CPU" flags)');
  const t0 = Date.now();
  const runs: { run: number; scenarios: Record<string, ScenarioRun> }[] = [];
  for (let run = 1; run <= args.runs; run++) {
    const ctx = new BenchContext(run);
    const scenarios: Record<string, ScenarioRun> = {};
    for (const s of selected) {
      console.log(`[run ${run}/${args.runs}] ${s.id}: ${s.title}`);
      scenarios[s.id] = await runScenario(ctx, s);
      console.log(`  ${s.id} took ${scenarios[s.id]!.seconds.toFixed(1)} s`);
    }
    runs.push({ run, scenarios });
  }
  const summary: MergedRow[] = [];
  for (const s of selected) {
    const perRun = runs.map((r) => r.scenarios[s.id]!);
    const merged = mergeRuns(perRun.map((r) => r.rows));
    summary.push(...merged);
    printScenario(s, perRun, merged);
  }
  const file = writeResults({
    command,
    startedAt,
    seconds: (Date.now() - t0) / 1000,
    machine,
    options: { only, runs: args.runs },
    summary,
    runs,
  });
  console.log(`\nraw numbers: ${file} (${((Date.now() - t0) / 1000).toFixed(0)} s in all)`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
