// The app's own files in a deployment: the compiled entry points (package.json `main` glob) and
// every file they reach through relative `require()`s, plus the external packages they require.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

import { globSync } from 'tinyglobby';

export interface Traced {
  /** Files of the app, relative to the root, sorted. */
  files: string[];
  /** External packages the app requires (bare names, `@scope/name`), sorted, with who requires them. */
  packages: Map<string, string[]>;
  /** Relative requires that lead nowhere. */
  missing: { from: string; request: string }[];
}

// tsc's CommonJS output: `require("x")` (also what `import()` compiles to).
const REQUIRE = /\brequire\(\s*["']([^"']+)["']\s*\)/g;
const BUILTINS = new Set(builtinModules);

export function packageName(request: string): string {
  const parts = request.split('/');
  return request.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? request);
}

export function traceApp(root: string, entryGlobs: string[]): Traced {
  const entries = globSync(entryGlobs, { cwd: root, onlyFiles: true }).sort();
  const files = new Set<string>();
  const packages = new Map<string, string[]>();
  const missing: Traced['missing'] = [];
  const queue = [...entries];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (files.has(file)) continue;
    files.add(file);
    const source = readFileSync(path.join(root, file), 'utf8');
    for (const [, request = ''] of source.matchAll(REQUIRE)) {
      if (request.startsWith('.')) {
        const target = resolveRelative(root, path.posix.join(path.posix.dirname(file), request));
        if (target) queue.push(target);
        else missing.push({ from: file, request });
      } else if (!request.startsWith('node:') && !BUILTINS.has(request)) {
        const name = packageName(request);
        packages.set(name, [...(packages.get(name) ?? []), file]);
      }
    }
  }
  return { files: [...files].sort(), packages: new Map([...packages].sort()), missing };
}

function resolveRelative(root: string, request: string): string | undefined {
  const candidates = [request, `${request}.js`, `${request}.json`, `${request}/index.js`];
  return candidates.find((c) => {
    const full = path.join(root, c);
    return existsSync(full) && statSync(full).isFile();
  });
}
