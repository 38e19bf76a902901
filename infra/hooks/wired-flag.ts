// The azd environment value that tells Bicep whose webhook key the postdeploy hook found:
// the principal id of the app's identity, so that a re-created app (a new identity) never has
// listKeys called on it before its code runs. `azd down` clears it (postdown hook).
import { spawnSync } from 'node:child_process';

export const WIRED_FOR = 'WEBPUBSUB_WEBHOOK_WIRED_FOR';

export type RunAzd = (args: string[]) => { status: number | null };

const runAzd: RunAzd = (args) => spawnSync('azd', args, { stdio: 'inherit' });

/** Records `value` in the azd environment; false when not under azd or azd failed. */
export function setWiredFor(
  value: string,
  env: NodeJS.ProcessEnv = process.env,
  run: RunAzd = runAzd,
): boolean {
  if (!env.AZURE_ENV_NAME) return false;
  if (env[WIRED_FOR] === value) return true;
  // `KEY=value` (one argument) also carries an empty value through every shell.
  return run(['env', 'set', `${WIRED_FOR}=${value}`]).status === 0;
}
