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

function cpuLines(rows: readonly MergedRow[], runs: ScenarioRun[]): string[] {
  const last = runs.at(-1)?.rows ?? [];
  return last
    .filter((r) => r.cpu)
    .map((r) => {
      const { emulator: e, floor: f } = r.cpu!;
      const floor = f ? ` | floor server ${f.server}%, client ${f.client}%` : '';
      return `  cpu ${r.scenario} ${r.metric}: emulator server ${e.server}%, client ${e.client}%${floor}`;
    })
    .slice(0, rows.length);
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
  const command = `npm run bench --${process.argv.slice(2).length ? ' ' + process.argv.slice(2).join(' ') : ''}`;
  console.log(
    `bench: ${selected.map((s) => s.id).join(', ')} × ${args.runs} run(s) on ${machine.cpus} × ${machine.cpuModel}, node ${machine.node}, ulimit -n ${machine.openFilesLimit ?? 'unlimited'}`,
  );
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
    console.log(`\n${s.id} — ${s.title}${args.runs > 1 ? ` (median of ${args.runs} runs)` : ''}`);
    if (merged.length) console.log(renderTable(merged));
    for (const line of cpuLines(merged, perRun)) console.log(line);
    for (const note of perRun.at(-1)?.notes ?? []) console.log(`  note: ${note}`);
    for (const r of perRun)
      if (r.error)
        console.log(
          `  error (run ${runs.indexOf(runs.find((x) => x.scenarios[s.id] === r)!) + 1}): ${r.error.split('\n')[0]}`,
        );
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
