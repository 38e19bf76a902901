// Packs the workspace packages with `npm pack` and installs an example Function App from those
// tarballs into a temporary copy of it, the way a team would from the registry: no workspace
// links, nothing from this repository's node_modules.
import { spawn } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface RunResult {
  code: number | null;
  output: string;
}

/** Runs a command to its end, stdout and stderr interleaved in `output`; never rejects on a code. */
export function run(command: string, args: string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** `npm test` sets npm_* variables for this repository (its package, its workspaces): the example's
 * own npm must not see them. The cache, registry and user config stay. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (
      /^npm_(package|lifecycle|command|config_(workspaces?|include_workspace_root|local_prefix|prefix|global)$)/i.test(
        key,
      )
    ) {
      delete env[key];
    }
  }
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false' };
}

interface PackResult {
  name: string;
  filename: string;
  files: { path: string }[];
}

/** `npm pack` of every workspace package into `dir`: package name → tarball path. Throws if a
 * tarball lacks its entry point or a bin target (a `files` entry missing, a build not run). */
export async function packPackages(dir: string): Promise<Record<string, string>> {
  const packed = await run(
    'npm',
    ['pack', '--workspaces', '--pack-destination', dir, '--json', '--ignore-scripts'],
    REPO_ROOT,
  );
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.output}`);
  const results = JSON.parse(packed.output.slice(packed.output.indexOf('['))) as PackResult[];
  const tarballs: Record<string, string> = {};
  for (const result of results) {
    const manifest = JSON.parse(
      await readFile(
        path.join(REPO_ROOT, 'packages', result.name.split('/')[1]!, 'package.json'),
        'utf8',
      ),
    ) as { main: string; types: string; bin?: Record<string, string> };
    const needed = [manifest.main, manifest.types, ...Object.values(manifest.bin ?? {})];
    const files = new Set(result.files.map((f) => path.posix.normalize(f.path)));
    const missing = needed.filter((file) => !files.has(path.posix.normalize(file)));
    if (missing.length) {
      throw new Error(`${result.name}'s tarball lacks ${missing.join(', ')}: run npm run build?`);
    }
    tarballs[result.name] = path.join(dir, result.filename);
  }
  return tarballs;
}

/** Copies `examples/<name>` into `dir`, points its `@wps-local/*` dependencies (and, through
 * `overrides`, theirs on each other) at the tarballs, and installs it. Resolves with the folder. */
export async function installExample(
  name: string,
  tarballs: Record<string, string>,
  dir: string,
): Promise<string> {
  const appDir = path.join(dir, name);
  await cp(path.join(REPO_ROOT, 'examples', name), appDir, {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|\.host-keys|\.azurite)$/.test(source),
  });
  const manifestPath = path.join(appDir, 'package.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
    overrides?: Record<string, string>;
  };
  const packed = (deps: Record<string, string> = {}) => {
    for (const dep of Object.keys(deps)) {
      if (!dep.startsWith('@wps-local/')) continue;
      const tarball = tarballs[dep];
      if (!tarball) throw new Error(`${name} depends on ${dep}, which no workspace package is`);
      deps[dep] = `file:${tarball}`;
    }
  };
  packed(manifest.dependencies);
  packed(manifest.devDependencies);
  // None of the packages is on the registry: their dependencies on each other come from tarballs too.
  manifest.overrides = Object.fromEntries(
    Object.entries(tarballs).map(([dep, tarball]) => [dep, `file:${tarball}`]),
  );
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  const installed = await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline'],
    appDir,
  );
  if (installed.code !== 0)
    throw new Error(`npm install in ${appDir} failed:\n${installed.output}`);
  return appDir;
}
