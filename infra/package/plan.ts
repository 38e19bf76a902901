// What the deployment package holds: host.json, a package.json naming only the run-time
// dependencies, the compiled files the app reaches from its `main` glob, the web client's build,
// and the installed packages those files need (nothing from devDependencies, no sources, no
// settings files). Pure: it reads the project and returns the list; stage.ts writes it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import type { Lockfile } from './lockfile';
import { runtimeClosure } from './lockfile';
import { traceApp } from './trace';

export interface PackagePlan {
  /** Files to copy: `from` relative to the project, `to` relative to the package. */
  files: { from: string; to: string }[];
  /** The package.json written into the package. */
  manifest: Record<string, unknown>;
  problems: string[];
}

interface Manifest {
  name?: string;
  version?: string;
  type?: string;
  main?: string;
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
}

/** Folders copied as they are (read at run time, not required): the web client's build. */
export const ASSET_DIRS = ['web/dist'];
/** Files in installed packages that nothing runs: source maps, TypeScript sources and types, docs. */
const SKIPPED_IN_PACKAGES = /\.(map|ts|cts|mts|md)$/i;

export function planPackage(root: string): PackagePlan {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as Lockfile;
  const problems: string[] = [];
  if (!manifest.main) problems.push('package.json has no "main" (the functions entry glob)');
  const traced = traceApp(root, manifest.main ? [manifest.main] : []);
  if (traced.files.length === 0)
    problems.push(`nothing matches "main" (${manifest.main}): run \`npm run build\` first`);
  for (const m of traced.missing)
    problems.push(`${m.from} requires "${m.request}", which is missing`);

  const required = [...traced.packages.keys()];
  const closure = runtimeClosure(lock, required, root);
  problems.push(...closure.problems);

  const files: PackagePlan['files'] = [{ from: 'host.json', to: 'host.json' }];
  for (const f of traced.files) files.push({ from: f, to: f });
  for (const dir of ASSET_DIRS) {
    if (!existsSync(path.join(root, dir)))
      problems.push(`${dir} is missing: run \`npm run build\` first`);
    else for (const f of walk(root, dir)) files.push({ from: f, to: f });
  }
  for (const location of closure.locations) {
    const entry = lock.packages?.[location];
    // A workspace package is a link: its files live where `resolved` points.
    const source = entry?.link && entry.resolved ? entry.resolved : location;
    for (const f of walk(root, source, true)) {
      if (!SKIPPED_IN_PACKAGES.test(f))
        files.push({ from: f, to: path.posix.join(location, path.posix.relative(source, f)) });
    }
  }

  const dependencies: Record<string, string> = {};
  for (const name of required) {
    dependencies[name] =
      manifest.dependencies?.[name] ?? lock.packages?.[`node_modules/${name}`]?.version ?? '*';
  }
  return {
    files,
    manifest: {
      name: manifest.name,
      version: manifest.version,
      private: true,
      type: manifest.type,
      main: manifest.main,
      engines: manifest.engines,
      dependencies,
    },
    problems,
  };
}

/** Files under `dir` (relative to root, posix), skipping nested node_modules when asked. */
function walk(root: string, dir: string, skipNodeModules = false): string[] {
  const out: string[] = [];
  const visit = (rel: string) => {
    for (const name of readdirSync(path.join(root, rel))) {
      const child = path.posix.join(rel, name);
      const stat = statSync(path.join(root, child));
      if (stat.isDirectory()) {
        if (!(skipNodeModules && name === 'node_modules')) visit(child);
      } else if (stat.isFile()) out.push(child);
    }
  };
  visit(dir);
  return out.sort();
}
