// The installed packages an app needs at run time, from npm's lockfile (v2/v3 `packages`): each
// package the app requires, then everything its dependencies resolve to, the way Node finds them
// (the nearest `node_modules` up the tree). Dev-only packages the app requires are reported.
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface LockEntry {
  version?: string;
  resolved?: string;
  link?: boolean;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export interface Lockfile {
  lockfileVersion?: number;
  packages?: Record<string, LockEntry>;
}

export interface Closure {
  /** Lockfile locations (`node_modules/a`, `node_modules/a/node_modules/b`), sorted. */
  locations: string[];
  /** Packages the app requires that the lockfile does not have, or has as dev-only. */
  problems: string[];
}

/** Where `name` resolves from the package at `from` (`''` is the project itself). */
export function resolveFrom(
  packages: Record<string, LockEntry>,
  from: string,
  name: string,
): string | undefined {
  const segments = from === '' ? [] : from.split('/node_modules/');
  for (let depth = segments.length; depth >= 0; depth--) {
    const base = segments.slice(0, depth).join('/node_modules/');
    const location = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (packages[location]) return location;
  }
  return undefined;
}

export function runtimeClosure(
  lock: Lockfile,
  required: string[],
  root: string,
  installed: (location: string) => boolean = (l) => existsSync(path.join(root, l)),
): Closure {
  const packages = lock.packages ?? {};
  const problems: string[] = [];
  const seen = new Set<string>();
  const queue: string[] = [];
  for (const name of required) {
    const location = resolveFrom(packages, '', name);
    if (!location) problems.push(`"${name}" is required by the app but not in package-lock.json`);
    else if (packages[location]?.dev)
      problems.push(
        `"${name}" is required by the app but is a devDependency: move it to dependencies`,
      );
    else queue.push(location);
  }
  for (let location = queue.shift(); location !== undefined; location = queue.shift()) {
    if (seen.has(location)) continue;
    seen.add(location);
    const entry = packages[location] ?? {};
    // Peers and optional dependencies go along when installed; only plain ones must be.
    const required = Object.keys(entry.dependencies ?? {});
    const extra = Object.keys({ ...entry.peerDependencies, ...entry.optionalDependencies });
    for (const name of [...required, ...extra]) {
      const dep = resolveFrom(packages, location, name);
      if (dep && installed(dep)) queue.push(dep);
      else if (required.includes(name) && !(name in (entry.optionalDependencies ?? {})))
        problems.push(`"${name}" (needed by ${location}) is not installed`);
    }
  }
  return { locations: [...seen].sort(), problems };
}
