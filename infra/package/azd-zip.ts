// What `azd deploy` zips for a `host: function` service, by azd's own rules (azure-dev
// cli/azd/pkg/project/project_utils.go createDeployableZip, service_target_functionapp.go
// resolveFunctionAppRemoteBuild): it walks the service's package folder (its `dist`, else the
// project), drops `.azure` folders, the `.funcignore` itself and `local.settings.json`, then what
// the package folder's `.funcignore` matches (gitignore rules); with no `.funcignore` there, a
// JS/TS `node_modules` goes only when remoteBuild is false.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import ignore from 'ignore';

export const IGNORE_FILE = '.funcignore';

export interface ZipEntry {
  path: string;
  bytes: number;
}

export interface ZipOptions {
  /** azure.yaml `remoteBuild` (undefined when not set). */
  remoteBuild?: boolean;
}

export function azdZipEntries(packageRoot: string, options: ZipOptions = {}): ZipEntry[] {
  const ignoreFile = path.join(packageRoot, IGNORE_FILE);
  const rules = existsSync(ignoreFile)
    ? ignore().add(readFileSync(ignoreFile, 'utf8').replace(/^\uFEFF/, ''))
    : undefined;
  const entries: ZipEntry[] = [];
  const visit = (rel: string) => {
    for (const name of readdirSync(path.join(packageRoot, rel)).sort()) {
      const child = rel === '' ? name : `${rel}/${name}`;
      const stat = statSync(path.join(packageRoot, child));
      const isDir = stat.isDirectory();
      if (name === '.azure' && isDir) continue;
      if (!isDir && (name === IGNORE_FILE || name === 'local.settings.json')) continue;
      if (rules) {
        if (rules.ignores(isDir ? `${child}/` : child)) continue;
      } else if (name === 'node_modules' && isDir && options.remoteBuild !== false) {
        continue;
      }
      if (isDir) visit(child);
      else entries.push({ path: child, bytes: stat.size });
    }
  };
  visit('');
  return entries;
}

/**
 * The remote build azd would use (or the error it would stop with) for a JS/TS function service:
 * unset means "remote build exactly when the project's .funcignore excludes node_modules".
 */
export function azdRemoteBuild(
  projectRoot: string,
  remoteBuild: boolean | undefined,
): { remoteBuild: boolean; error?: string } {
  const file = path.join(projectRoot, IGNORE_FILE);
  if (!existsSync(file)) return { remoteBuild: remoteBuild ?? true };
  const excluded = ignore()
    .add(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''))
    .ignores('node_modules/');
  if (remoteBuild === undefined) return { remoteBuild: excluded };
  if (remoteBuild && !excluded)
    return {
      remoteBuild,
      error: `'remoteBuild: true' requires ${IGNORE_FILE} to exclude node_modules`,
    };
  if (!remoteBuild && excluded)
    return {
      remoteBuild,
      error: `'remoteBuild: false' cannot be used when ${IGNORE_FILE} excludes node_modules`,
    };
  return { remoteBuild };
}
