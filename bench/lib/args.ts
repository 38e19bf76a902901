// Command-line options of `npm run bench -- [--only P1,P6] [--runs 3]`.

export interface BenchArgs {
  /** Scenario ids to run (all when absent). */
  only?: string[];
  /** Fresh runs per scenario; the table shows medians. */
  runs: number;
  help: boolean;
}

export const USAGE =
  'usage: npm run bench -- [--only P1,P2,P3,P6,P8,P9] [--runs N]\n' +
  '  --only  comma-separated scenario ids (default: all)\n' +
  '  --runs  fresh runs of each scenario; the table shows medians (default 1)';

export function parseArgs(argv: readonly string[]): BenchArgs {
  const out: BenchArgs = { runs: 1, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.split('=', 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value\n${USAGE}`);
      return v;
    };
    switch (name) {
      case '--only':
        out.only = value()
          .split(',')
          .map((s) => s.trim().toUpperCase())
          .filter(Boolean);
        break;
      case '--runs': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1 || n > 9) throw new Error('--runs must be 1..9');
        out.runs = n;
        break;
      }
      case '--help':
      case '-h':
        out.help = true;
        break;
      default:
        throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  return out;
}
