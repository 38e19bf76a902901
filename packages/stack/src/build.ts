// Runs the app's own `build` script (`npm run build` in the app folder), its output shown as it
// comes; resolves with the exit code.
import { spawn } from 'node:child_process';

export function runBuild(appRoot: string, signal?: AbortSignal): Promise<number | null> {
  // Under npm, npm_execpath is npm's own script: run it with this Node, no shell needed.
  const npmCli = process.env.npm_execpath;
  const [command, args] = npmCli
    ? [process.execPath, [npmCli, 'run', 'build']]
    : ['npm', ['run', 'build']];
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: appRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
      shell: !npmCli && process.platform === 'win32',
      ...(signal ? { signal } : {}),
    });
    child.once('error', () => resolve(null));
    child.once('exit', (code) => resolve(code));
  });
}
