// The deployment package as `azd deploy` makes it from azure.yaml: `npm run package`'s folder,
// zipped by azd's rules (infra/package/azd-zip.ts), holds the compiled app, the web client and
// its run-time packages, and nothing a developer has around (devDependencies, sources, tests, the
// local stack, .env, local.settings.json); it is small; and the offline host runs the app from it
// alone, in a folder with no node_modules above it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import type { ZipEntry } from '../../infra/package/azd-zip';
import { azdRemoteBuild, azdZipEntries } from '../../infra/package/azd-zip';
import { planPackage } from '../../infra/package/plan';
import { stagePackage } from '../../infra/package/stage';
import type { TestHost } from '../setup/host';
import { REPO_ROOT, startHostProcess } from '../setup/host';

interface Service {
  dist?: string;
  remoteBuild?: boolean;
}
const service = (
  parse(readFileSync(path.join(REPO_ROOT, 'azure.yaml'), 'utf8')) as {
    services: Record<string, Service>;
  }
).services.api!;
const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};

const root = mkdtempSync(path.join(os.tmpdir(), 'deploy-package-'));
const out = path.join(root, 'wwwroot');
let entries: ZipEntry[] = [];
let host: TestHost | undefined;

beforeAll(async () => {
  const plan = planPackage(REPO_ROOT);
  expect(plan.problems).toEqual([]);
  stagePackage(REPO_ROOT, plan, out);
  entries = azdZipEntries(out, { remoteBuild: service.remoteBuild });
  // In Azure the settings come from Bicep; here from local.settings.json, which the package lacks.
  const { Values: settings } = JSON.parse(
    readFileSync(path.join(REPO_ROOT, 'local.settings.json'), 'utf8'),
  ) as { Values: Record<string, string> };
  const started = await startHostProcess({ app: out, settings, logLevel: 'warn' });
  if (!started.ok) throw new Error(`${started.message}\n${started.output}`);
  host = started.host;
}, 60_000);

afterAll(async () => {
  await host?.close();
  rmSync(root, { recursive: true, force: true });
});

const paths = () => entries.map((e) => e.path);

describe('what azd uploads', () => {
  it('is the built package folder, deployed as it is (no remote build), as azd accepts', () => {
    expect(service).toMatchObject({ dist: '.package', remoteBuild: false });
    expect(azdRemoteBuild(REPO_ROOT, service.remoteBuild)).toEqual({ remoteBuild: false });
  });

  it('holds the app, the web client and the run-time packages', () => {
    expect(paths()).toEqual(
      expect.arrayContaining([
        'host.json',
        'package.json',
        'dist/functions/negotiate.js',
        'dist/chat/service.js',
        'web/dist/index.html',
        'web/dist/app.js',
        'node_modules/@azure/functions/package.json',
        'node_modules/@azure/web-pubsub/package.json',
      ]),
    );
  });

  it('holds nothing from devDependencies, sources, tests, the local stack or settings', () => {
    // Dev-only by the lockfile: a devDependency that a run-time package also needs (jsonwebtoken,
    // for @azure/web-pubsub) is installed as a run-time package, and belongs in the package.
    const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const dev = Object.keys(manifest.devDependencies).filter(
      (name) =>
        lock.packages[`node_modules/${name}`]?.dev === true &&
        paths().some((p) => p.startsWith(`node_modules/${name}/`)),
    );
    expect(dev).toEqual([]);
    const stray = paths().filter(
      (p) =>
        /(^|\/)(\.env|local\.settings\.json|\.funcignore)$/.test(p) ||
        /^(dist\/(packages|bench|infra|test)|test|packages|examples|infra|bench|functions|chat|adapters|chat-contract|web\/src)\//.test(
          p,
        ) ||
        (/\.(ts|map)$/.test(p) && !p.startsWith('node_modules/') && p !== 'web/dist/app.js.map') ||
        /\.node$/.test(p),
    );
    expect(stray).toEqual([]);
  });

  it('names only the run-time dependencies in its package.json', () => {
    const deployed = JSON.parse(readFileSync(path.join(out, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(deployed).not.toHaveProperty('devDependencies');
    expect(deployed).not.toHaveProperty('scripts');
    expect(Object.keys(deployed.dependencies as object)).toEqual(
      expect.arrayContaining(['@azure/functions', '@azure/web-pubsub']),
    );
  });

  it('is small: under 25 MiB and 4,000 files', () => {
    const bytes = entries.reduce((sum, e) => sum + e.bytes, 0);
    expect(bytes).toBeLessThan(25 * 1024 * 1024);
    expect(entries.length).toBeLessThan(4_000);
  });
});

describe('the package alone', () => {
  it('runs: the offline host loads every function from it and serves the web client', async () => {
    const names = host!.functions.map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining(['negotiate', 'negotiateGuest', 'connect', 'message', 'webClient']),
    );
    const page = await fetch(`${host!.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
  });
});
