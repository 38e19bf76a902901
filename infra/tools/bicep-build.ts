// `npm run infra:build`: compiles infra/main.bicep (and so every module) with the real Bicep CLI
// when `bicep` or `az bicep` is available; says it is skipped otherwise (offline CI has neither).
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const main = path.resolve(__dirname, '../../../infra/main.bicep');

type Runner = { label: string; command: string; args: string[] };

function available(command: string, args: string[]): boolean {
  const probe = spawnSync(command, args, { stdio: 'ignore', shell: process.platform === 'win32' });
  return !probe.error && probe.status === 0;
}

export function findBicep(): Runner | undefined {
  if (available('bicep', ['--version'])) {
    return { label: 'bicep', command: 'bicep', args: ['build', main, '--stdout'] };
  }
  if (available('az', ['bicep', 'version', '--only-show-errors'])) {
    return {
      label: 'az bicep',
      command: 'az',
      args: ['bicep', 'build', '--file', main, '--stdout', '--only-show-errors'],
    };
  }
  return undefined;
}

if (require.main === module) {
  const runner = findBicep();
  if (!runner) {
    console.log(
      'infra:build skipped: neither `bicep` nor `az bicep` is on PATH (npm test still runs the offline check).',
    );
  } else {
    // The ARM JSON goes to /dev/null; diagnostics (errors and linter warnings) to the console.
    const run = spawnSync(runner.command, runner.args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      shell: process.platform === 'win32',
    });
    console.log(`infra:build with ${runner.label}: ${run.status === 0 ? 'compiled' : 'FAILED'}`);
    process.exitCode = run.status === 0 ? 0 : 1;
  }
}
