// What azd uploads for the function service (azure.yaml): `remoteBuild` is set explicitly and
// agrees with the project's .funcignore the way azd requires; without remote build, azd zips the
// service's `dist` folder (the built package, made by a `prepackage` hook), never the project
// itself, whose node_modules holds every devDependency and whose folder holds sources and .env.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { parse } from 'yaml';

import { azdRemoteBuild } from '../../../package/azd-zip';
import type { Finding } from '../findings';
import { inFile } from '../findings';

const RULE = 'package';

interface Service {
  host?: string;
  project?: string;
  dist?: string;
  remoteBuild?: unknown;
  hooks?: Record<string, unknown>;
}

export function checkPackage(appRoot: string, yamlFile: string, yamlText: string): Finding[] {
  let services: Record<string, Service>;
  try {
    services = ((parse(yamlText) ?? {}) as { services?: Record<string, Service> }).services ?? {};
  } catch {
    return []; // the azd rule reports unreadable YAML
  }
  const findings: Finding[] = [];
  const say = (message: string) => findings.push(inFile(RULE, yamlFile, message));
  for (const [name, svc] of Object.entries(services).filter(([, s]) => s.host === 'function')) {
    if (typeof svc.remoteBuild !== 'boolean') {
      say(
        `service "${name}" must set remoteBuild explicitly: left unset, azd turns remote build off whenever .funcignore keeps node_modules and zips the local node_modules whole`,
      );
      continue;
    }
    const project = path.resolve(appRoot, svc.project ?? '.');
    const resolved = azdRemoteBuild(project, svc.remoteBuild);
    if (resolved.error) say(`service "${name}": azd refuses this: ${resolved.error}`);
    if (svc.remoteBuild) continue;
    if (!svc.dist || path.resolve(project, svc.dist) === project) {
      say(
        `service "${name}" deploys without remote build from the project folder: azd would zip its node_modules (devDependencies included), sources and .env; set dist to the built package folder`,
      );
      continue;
    }
    const prepackage = JSON.stringify(svc.hooks?.prepackage ?? '');
    if (!prepackage.includes('npm run package'))
      say(
        `service "${name}" has no prepackage hook running \`npm run package\`, which builds ${svc.dist}`,
      );
    const ignored = readIgnore(path.join(project, '.gitignore'));
    if (!ignored.some((l) => l.replace(/^\/|\/$/g, '') === svc.dist?.replace(/^\.\/|\/$/g, '')))
      say(`the package folder ${svc.dist} must be in .gitignore (it is built, never committed)`);
  }
  return findings;
}

function readIgnore(file: string): string[] {
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .map((l) => l.trim())
    : [];
}
