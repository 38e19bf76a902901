// Runs the whole offline check of infra/: parse every .bicep (syntax errors stop there), then the
// semantic rules, against the facts collected from the app's code.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { globSync } from 'tinyglobby';

import type { AppFacts } from './app-facts';
import { gatherAppFacts } from './app-facts';
import { bicepAppSettings, documentedSettings } from './app-settings-bicep';
import type { Finding } from './findings';
import { inFile } from './findings';
import type { BicepFile } from './parse';
import { parseBicepFile, syntaxFindings } from './parse';
import { checkAppSettings } from './rules/app-settings';
import { checkAuth } from './rules/auth';
import { checkAzd } from './rules/azd';
import { checkDiagnostics } from './rules/diagnostics';
import { checkHubEvents } from './rules/hub-events';
import { checkModules } from './rules/modules';
import { checkPackage } from './rules/package';
import { checkParametersFile } from './rules/parameters-file';
import { checkReferences } from './rules/references';
import { checkReprovision } from './rules/reprovision';
import { checkResources } from './rules/resources';
import { roleNeeds } from './rules/role-needs';
import { checkRoles } from './rules/roles';
import { checkSkuCapacity } from './rules/sku-capacity';
import { checkStorage } from './rules/storage';

export interface CheckOptions {
  /** The folder with main.bicep, main.parameters.json, modules/ and README.md. */
  infraDir: string;
  /** The Function App (package.json, azure.yaml, built dist/). */
  appRoot: string;
  /** Facts about the app; collected from appRoot when absent. */
  facts?: AppFacts;
  /** Outputs of main.bicep that scripts read. */
  outputsRead?: readonly string[];
}

export interface CheckResult {
  files: string[];
  findings: Finding[];
}

export function checkInfra(options: CheckOptions): CheckResult {
  const infraDir = path.resolve(options.infraDir);
  const paths = globSync('**/*.bicep', { cwd: infraDir, absolute: true }).sort();
  const parsed = new Map<string, BicepFile>(paths.map((p) => [p, parseBicepFile(p)]));
  const files = [...parsed.values()];
  const syntax = files.flatMap(syntaxFindings);
  if (syntax.length > 0) return { files: paths, findings: syntax };

  const findings: Finding[] = [];
  for (const file of files) {
    findings.push(...checkReferences(file), ...checkResources(file));
    findings.push(...checkModules(file, (p) => parsed.get(p)));
  }
  const mainPath = path.join(infraDir, 'main.bicep');
  const main = parsed.get(mainPath);
  if (!main)
    return { files: paths, findings: [...findings, inFile('layout', mainPath, 'missing')] };

  const paramsPath = path.join(infraDir, 'main.parameters.json');
  findings.push(...checkParametersFile(main, paramsPath, readOr(paramsPath, '{}')));
  const yamlPath = path.join(options.appRoot, 'azure.yaml');
  const yamlText = readOr(yamlPath, '');
  findings.push(
    ...checkAzd(yamlPath, yamlText, main, files, options.outputsRead ?? []),
    ...checkPackage(options.appRoot, yamlPath, yamlText),
    ...checkReprovision(files, main),
    ...checkSkuCapacity(files),
    ...checkAuth(files, mainPath),
    ...checkDiagnostics(files, mainPath),
  );

  const facts = options.facts ?? gatherAppFacts(path.resolve(options.appRoot));
  const readme = path.join(infraDir, 'README.md');
  findings.push(
    ...checkAppSettings({
      facts,
      bicep: bicepAppSettings(files),
      documented: documentedSettings(readOr(readme, '')),
      readme,
      readmeLabel: path.relative(path.resolve(options.appRoot), readme),
    }),
    ...checkRoles(roleNeeds(facts, files), files, mainPath),
    ...checkHubEvents(facts.events, files, mainPath),
    ...checkStorage(facts, files, mainPath),
  );
  return { files: paths, findings };
}

function readOr(file: string, fallback: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : fallback;
}
