// Child-process script: loads the built app the way the Node worker does — a tiny fake
// `@azure/functions-core` answers `require`, each file of package.json `main` is required — and
// prints the registered functions' bindings and the packages the app loaded, as JSON.
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';

import { globSync } from 'tinyglobby';

export interface RegisteredFunction {
  name: string;
  bindings: Record<string, Record<string, unknown>>;
}

export interface LoadedAppFacts {
  functions: RegisteredFunction[];
  /** npm packages in the app's require cache once loaded (`@azure/data-tables`, ...). */
  packages: string[];
}

export function loadAppFacts(appRoot: string): LoadedAppFacts {
  const functions: RegisteredFunction[] = [];
  const disposable = { dispose: () => undefined };
  const core = {
    version: '3.10.1',
    hostVersion: '4.1040.0',
    Disposable: class {},
    registerFunction: (metadata: RegisteredFunction) => (functions.push(metadata), disposable),
    setProgrammingModel: () => undefined,
    getProgrammingModel: () => undefined,
    registerHook: () => disposable,
    log: () => undefined,
  };
  const proto = Module.prototype as unknown as { require: (id: string) => unknown };
  const original = proto.require;
  proto.require = function (this: unknown, id: string) {
    return id === '@azure/functions-core' ? core : original.call(this, id);
  };
  const pkg = JSON.parse(readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as {
    main: string;
  };
  const entries = globSync(pkg.main, { cwd: appRoot, absolute: true }).sort();
  if (entries.length === 0)
    throw new Error(`No file matches package.json "main" (${pkg.main}): run npm run build first.`);
  const before = new Set(Object.keys(require.cache));
  const requireFromApp = createRequire(path.join(appRoot, 'package.json'));
  for (const entry of entries) requireFromApp(entry);
  proto.require = original;
  const packages = new Set<string>();
  for (const file of Object.keys(require.cache).filter((f) => !before.has(f))) {
    const match = [...file.matchAll(/node_modules[\\/]((@[^\\/]+[\\/])?[^\\/]+)/g)].at(-1);
    if (match?.[1]) packages.add(match[1].replace('\\', '/'));
  }
  return { functions, packages: [...packages].sort() };
}

if (require.main === module) {
  process.stdout.write(JSON.stringify(loadAppFacts(path.resolve(process.argv[2] ?? '.'))));
}
