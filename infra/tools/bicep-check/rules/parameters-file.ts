// main.parameters.json against main.bicep: every key is a declared param, every required param is
// given, and azd's `${VAR}` / `${VAR=default}` placeholders are well formed.
import type { Finding } from '../findings';
import { inFile } from '../findings';
import { declarations } from '../model';
import type { BicepFile } from '../parse';

const RULE = 'parameters-file';
const PLACEHOLDER = /\$\{([^}]*)\}/g;
const WELL_FORMED = /^[A-Za-z_][A-Za-z0-9_]*(=[^}]*)?$/;

export function checkParametersFile(main: BicepFile, file: string, text: string): Finding[] {
  let json: { parameters?: Record<string, unknown> };
  try {
    json = JSON.parse(text) as typeof json;
  } catch (err) {
    return [inFile(RULE, file, `not valid JSON: ${(err as Error).message}`)];
  }
  const given = json.parameters ?? {};
  const params = declarations(main).filter((d) => d.kind === 'param');
  const findings: Finding[] = [];
  for (const key of Object.keys(given)) {
    if (!params.some((p) => p.name === key)) {
      findings.push(inFile(RULE, file, `"${key}" is not a param of ${main.path}`));
    }
  }
  for (const p of params) {
    if (!p.optional && !(p.name in given)) {
      findings.push(inFile(RULE, file, `required param "${p.name}" of main.bicep has no value`));
    }
  }
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (!WELL_FORMED.test(match[1] ?? '')) {
      findings.push(inFile(RULE, file, `malformed placeholder "${match[0]}"`));
    }
  }
  return findings;
}
