// azd wiring: azure.yaml names function services that a Bicep site carries the matching
// `azd-service-name` tag for, runs the postdeploy hook, and main.bicep outputs every value the
// hook and the smoke test read.
import { parse } from 'yaml';

import { literalStrings } from '../expressions';
import type { Finding } from '../findings';
import { inFile } from '../findings';
import { declarations, propertyKey, resources } from '../model';
import type { BicepFile } from '../parse';

const RULE = 'azd';

interface AzureYaml {
  services?: Record<string, { host?: string; language?: string; hooks?: Record<string, unknown> }>;
  hooks?: Record<string, unknown>;
}

export function checkAzd(
  yamlFile: string,
  yamlText: string,
  main: BicepFile,
  files: BicepFile[],
  outputsRead: readonly string[],
): Finding[] {
  const findings: Finding[] = [];
  let doc: AzureYaml;
  try {
    doc = (parse(yamlText) ?? {}) as AzureYaml;
  } catch (err) {
    return [inFile(RULE, yamlFile, `not valid YAML: ${(err as Error).message}`)];
  }
  const tags = files.flatMap((file) =>
    resources(file)
      .filter((r) => r.target?.startsWith('Microsoft.Web/sites@'))
      .flatMap((r) =>
        r.node
          .descendantsOfType('object_property')
          .filter((p) => propertyKey(p) === 'azd-service-name'),
      )
      .flatMap((p) => literalStrings(file, p.namedChildren[1])),
  );
  const services = Object.entries(doc.services ?? {});
  if (services.length === 0) findings.push(inFile(RULE, yamlFile, 'no services'));
  for (const [name, svc] of services) {
    if (svc.host !== 'function')
      findings.push(inFile(RULE, yamlFile, `service "${name}" must have host: function`));
    if (!['ts', 'js', 'typescript', 'javascript'].includes(svc.language ?? '')) {
      findings.push(inFile(RULE, yamlFile, `service "${name}" must have language: ts`));
    }
    if (!tags.includes(name)) {
      findings.push(
        inFile(
          RULE,
          yamlFile,
          `no Microsoft.Web/sites resource has the tag 'azd-service-name': '${name}', so azd cannot find the app to deploy to`,
        ),
      );
    }
  }
  const hooks = [doc.hooks, ...services.map(([, s]) => s.hooks)];
  if (!hooks.some((h) => h && JSON.stringify(h.postdeploy ?? '').includes('postdeploy'))) {
    findings.push(
      inFile(
        RULE,
        yamlFile,
        'no postdeploy hook running `npm run postdeploy` (it wires the webhook key)',
      ),
    );
  }
  if (
    !hooks.some((h) => h && /postdown|predown/.test(JSON.stringify(h.postdown ?? h.predown ?? '')))
  ) {
    findings.push(
      inFile(
        RULE,
        yamlFile,
        'no postdown hook running `npm run postdown`: after `azd down` the environment still says the webhook is wired',
      ),
    );
  }
  const outputs = new Set(
    declarations(main)
      .filter((d) => d.kind === 'output')
      .map((d) => d.name),
  );
  for (const name of outputsRead.filter((n) => !outputs.has(n))) {
    findings.push(
      inFile(
        RULE,
        main.path,
        `output "${name}" is read by the postdeploy hook or the smoke test but main.bicep does not declare it`,
      ),
    );
  }
  return findings;
}
