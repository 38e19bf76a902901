// Re-provisioning is safe on a fresh app: every listKeys of a Function App's host keys (which fails
// while no code has run, on the first `azd up` and on every `azd up` after `azd down`) sits in a
// ternary branch whose condition compares a recorded value with the principal id of the identity
// this deployment has. A bare flag from the azd environment is not enough: it outlives `azd down`.
import path from 'node:path';

import type { Finding } from '../findings';
import { at } from '../findings';
import { bodyObject, declarations, properties } from '../model';
import type { BicepFile } from '../parse';
import type { SyntaxNode } from '../syntax';

const RULE = 'reprovision';

export function checkReprovision(files: BicepFile[], main: BicepFile): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    const calls = file.root
      .descendantsOfType('call_expression')
      .filter((c) => c.childForFieldName('function')?.text === 'listKeys')
      .filter((c) =>
        expand(file, c.childForFieldName('arguments')).includes('Microsoft.Web/sites/host'),
      );
    for (const call of calls) {
      const condition = guardingCondition(call);
      if (!condition) {
        findings.push(
          at(
            RULE,
            file.path,
            call,
            'listKeys of the host keys runs on every deployment: on a fresh app (first `azd up`, or after `azd down`) it fails; put it in a ternary guarded by the identity the key was found for',
          ),
        );
        continue;
      }
      const text = expand(file, condition);
      const params = paramsIn(file, text);
      const fed = params.filter((p) => fedFromIdentity(main, file, p));
      if (!text.includes('==') || fed.length === 0) {
        findings.push(
          at(
            RULE,
            file.path,
            call,
            `listKeys is guarded by "${condition.text}", which the azd environment keeps after \`azd down\`: compare the recorded principal id with the identity's (identity.outputs.principalId)`,
          ),
        );
      }
    }
  }
  return findings;
}

/** The condition of the nearest ternary that has `node` in one of its branches. */
function guardingCondition(node: SyntaxNode): SyntaxNode | undefined {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type !== 'ternary_expression') continue;
    const condition = p.childForFieldName('condition');
    if (condition && child !== condition) return condition;
  }
  // A guard can also be the var the call sits in, used only inside a ternary: not supported.
  return undefined;
}

/** The expression's text with vars replaced by their values (so guards written as vars count). */
function expand(file: BicepFile, node: SyntaxNode | null | undefined, depth = 0): string {
  if (!node) return '';
  if (depth > 10) return node.text;
  if (node.type === 'identifier') {
    const v = declarations(file).find((d) => d.kind === 'var' && d.name === node.text);
    if (v?.value) return `(${expand(file, v.value, depth + 1)})`;
  }
  if (node.children.length === 0) return node.text;
  return node.children.map((c) => expand(file, c, depth + 1)).join(' ');
}

function paramsIn(file: BicepFile, text: string): string[] {
  const names = new Set(text.split(/[^A-Za-z0-9_]+/));
  return declarations(file)
    .filter((d) => d.kind === 'param' && names.has(d.name))
    .map((d) => d.name);
}

/** Whether main.bicep passes `param` to this module (or is this file) from an identity's principalId. */
function fedFromIdentity(main: BicepFile, file: BicepFile, param: string): boolean {
  if (file === main) return false;
  for (const m of declarations(main).filter((d) => d.kind === 'module')) {
    if (path.resolve(path.dirname(main.path), m.target ?? '') !== file.path) continue;
    const value = properties(properties(bodyObject(m.value)).get('params')).get(param);
    if (value && /\.outputs\.principalId\b|\.properties\.principalId\b/.test(value.text))
      return true;
  }
  return false;
}
