// Building the deployment package from a small app made in a temp folder: the files the entry
// glob reaches and nothing else, the run-time packages by Node's resolution (nested versions
// included), dev-only or missing packages reported; and azd's zip rules for a package folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { azdRemoteBuild, azdZipEntries } from '../../../infra/package/azd-zip';
import { runtimeClosure } from '../../../infra/package/lockfile';
import { planPackage } from '../../../infra/package/plan';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'package-plan-'));
  temps.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const pkg = (name: string, version: string, deps: Record<string, string> = {}) =>
  JSON.stringify({ name, version, dependencies: deps });

const lock = {
  lockfileVersion: 3,
  packages: {
    '': { dependencies: { a: '1.0.0' }, devDependencies: { tool: '1.0.0' } },
    'node_modules/a': { version: '1.0.0', dependencies: { b: '^2.0.0', c: '1.0.0' } },
    'node_modules/a/node_modules/b': { version: '2.0.0' },
    'node_modules/b': { version: '1.0.0', dev: true },
    'node_modules/c': { version: '1.0.0', optionalDependencies: { fsevents: '2.0.0' } },
    'node_modules/fsevents': { version: '2.0.0', optional: true },
    'node_modules/tool': { version: '1.0.0', dev: true, dependencies: { b: '1.0.0' } },
  },
};

function app(extra: Record<string, string> = {}): string {
  return tree({
    'package.json': JSON.stringify({
      name: 'app',
      version: '1.0.0',
      main: 'dist/functions/*.js',
      dependencies: { a: '1.0.0' },
      devDependencies: { tool: '1.0.0' },
    }),
    'package-lock.json': JSON.stringify(lock),
    'host.json': '{}',
    '.env': 'SECRET=1',
    'local.settings.json': '{}',
    'functions/one.ts': 'source',
    'dist/functions/one.js': 'require("../lib/util"); require("a/sub"); require("node:fs");',
    'dist/functions/one.js.map': '{}',
    'dist/lib/util.js': 'require("path"); module.exports = 1;',
    'dist/local/emulator.js': 'require("tool");',
    'web/dist/index.html': '<html>',
    'node_modules/a/package.json': pkg('a', '1.0.0', { b: '^2.0.0', c: '1.0.0' }),
    'node_modules/a/sub.js': '',
    'node_modules/a/README.md': '',
    'node_modules/a/node_modules/b/package.json': pkg('b', '2.0.0'),
    'node_modules/b/package.json': pkg('b', '1.0.0'),
    'node_modules/c/package.json': pkg('c', '1.0.0'),
    'node_modules/c/index.d.ts': '',
    'node_modules/tool/package.json': pkg('tool', '1.0.0'),
    ...extra,
  });
}

describe('the deployment package plan', () => {
  it('holds what the entry glob reaches, the web build and the run-time packages, nothing else', () => {
    const plan = planPackage(app());
    expect(plan.problems).toEqual([]);
    expect(plan.files.map((f) => f.to).sort()).toEqual([
      'dist/functions/one.js',
      'dist/lib/util.js',
      'host.json',
      'node_modules/a/node_modules/b/package.json',
      'node_modules/a/package.json',
      'node_modules/a/sub.js',
      'node_modules/c/package.json',
      'web/dist/index.html',
    ]);
    expect(plan.manifest).toEqual({
      name: 'app',
      version: '1.0.0',
      private: true,
      type: undefined,
      main: 'dist/functions/*.js',
      engines: undefined,
      dependencies: { a: '1.0.0' },
    });
  });

  it('reports an app that requires a devDependency, a missing file, or nothing built', () => {
    const dev = planPackage(
      app({ 'dist/functions/two.js': 'require("tool"); require("./gone");' }),
    );
    expect(dev.problems).toEqual([
      'dist/functions/two.js requires "./gone", which is missing',
      '"tool" is required by the app but is a devDependency: move it to dependencies',
    ]);
    const unbuilt = tree({
      'package.json': JSON.stringify({ main: 'dist/functions/*.js' }),
      'package-lock.json': '{}',
    });
    expect(planPackage(unbuilt).problems).toEqual([
      'nothing matches "main" (dist/functions/*.js): run `npm run build` first',
      'web/dist is missing: run `npm run build` first',
    ]);
  });

  it('reports packages the lockfile lacks or that are not installed', () => {
    const closure = runtimeClosure(lock, ['a', 'zzz'], '/nowhere', (l) => l !== 'node_modules/c');
    expect(closure.problems).toEqual([
      '"zzz" is required by the app but not in package-lock.json',
      '"c" (needed by node_modules/a) is not installed',
    ]);
    expect(closure.locations).toEqual(['node_modules/a', 'node_modules/a/node_modules/b']);
  });
});

describe("azd's zip of a function service", () => {
  const folder = () =>
    tree({
      'host.json': '{}',
      'local.settings.json': '{}',
      '.funcignore': '*.ts\n',
      '.azure/env/.env': 'x',
      'src/a.ts': '',
      'src/a.js': '',
      'node_modules/x/index.js': '',
    });

  it('drops .azure, local.settings.json, the ignore file and what it matches', () => {
    expect(azdZipEntries(folder()).map((e) => e.path)).toEqual([
      'host.json',
      'node_modules/x/index.js',
      'src/a.js',
    ]);
  });

  it('without a .funcignore, takes node_modules only when remoteBuild is false', () => {
    const root = folder();
    rmSync(path.join(root, '.funcignore'));
    expect(azdZipEntries(root).map((e) => e.path)).toEqual(['host.json', 'src/a.js', 'src/a.ts']);
    expect(azdZipEntries(root, { remoteBuild: false }).map((e) => e.path)).toContain(
      'node_modules/x/index.js',
    );
  });

  it('decides remote build from .funcignore as azd does, and refuses the pairs azd refuses', () => {
    const keeps = folder();
    const drops = tree({ '.funcignore': 'node_modules\n' });
    const none = tree({});
    expect(azdRemoteBuild(keeps, undefined)).toEqual({ remoteBuild: false });
    expect(azdRemoteBuild(drops, undefined)).toEqual({ remoteBuild: true });
    expect(azdRemoteBuild(none, undefined)).toEqual({ remoteBuild: true });
    expect(azdRemoteBuild(keeps, true).error).toMatch(
      /requires .funcignore to exclude node_modules/,
    );
    expect(azdRemoteBuild(drops, false).error).toMatch(/cannot be used when .funcignore excludes/);
  });
});
