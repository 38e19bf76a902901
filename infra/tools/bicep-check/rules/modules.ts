// Modules: local paths that exist (no registry modules: they cannot be resolved offline), params
// that the module declares, every required module param passed, and `m.outputs.x` declared by m.
import { existsSync } from 'node:fs';
import path from 'node:path';

import type { Finding } from '../findings';
import { at } from '../findings';
import type { Decl } from '../model';
import { bodyObject, declarations, properties } from '../model';
import type { BicepFile } from '../parse';
import type { SyntaxNode } from '../syntax';

export type FileLookup = (absolutePath: string) => BicepFile | undefined;

export function checkModules(file: BicepFile, lookup: FileLookup): Finding[] {
  const findings: Finding[] = [];
  const modules = new Map<string, Decl[] | undefined>();
  for (const decl of declarations(file).filter((d) => d.kind === 'module')) {
    const target = decl.target ?? '';
    const where = decl.node.namedChildren[1] ?? decl.node;
    if (/^(br|ts)[:/]/.test(target)) {
      findings.push(
        at(
          'module-path',
          file.path,
          where,
          `registry module "${target}" cannot be checked offline; vendor it under infra/modules/`,
        ),
      );
      continue;
    }
    const modulePath = path.resolve(path.dirname(file.path), target);
    const moduleFile = existsSync(modulePath) ? lookup(modulePath) : undefined;
    if (!moduleFile) {
      findings.push(at('module-path', file.path, where, `module file "${target}" does not exist`));
      continue;
    }
    const moduleDecls = declarations(moduleFile);
    modules.set(decl.name, moduleDecls);
    findings.push(...checkParams(file, decl, moduleDecls, target));
  }
  for (const use of outputUses(file.root)) {
    const moduleDecls = modules.get(use.module);
    if (!moduleDecls) continue;
    if (!moduleDecls.some((d) => d.kind === 'output' && d.name === use.output.text)) {
      findings.push(
        at(
          'module-output',
          file.path,
          use.output,
          `module "${use.module}" has no output "${use.output.text}"`,
        ),
      );
    }
  }
  return findings;
}

function checkParams(file: BicepFile, decl: Decl, moduleDecls: Decl[], target: string): Finding[] {
  const findings: Finding[] = [];
  const body = bodyObject(decl.value);
  const paramsNode = properties(body).get('params');
  const passed = properties(paramsNode);
  const declared = new Map(moduleDecls.filter((d) => d.kind === 'param').map((d) => [d.name, d]));
  for (const [name, value] of passed) {
    if (!declared.has(name)) {
      findings.push(
        at(
          'module-param',
          file.path,
          value.parent ?? value,
          `module "${target}" has no param "${name}"`,
        ),
      );
    }
  }
  for (const [name, param] of declared) {
    if (!param.optional && !passed.has(name)) {
      findings.push(
        at(
          'module-param',
          file.path,
          paramsNode ?? decl.node,
          `required param "${name}" of module "${target}" is not passed`,
        ),
      );
    }
  }
  return findings;
}

interface OutputUse {
  module: string;
  output: SyntaxNode;
}

// m.outputs.x and m[i].outputs.x
function outputUses(root: SyntaxNode): OutputUse[] {
  const uses: OutputUse[] = [];
  for (const node of root.descendantsOfType('member_expression')) {
    const inner = node.childForFieldName('object');
    const property = node.childForFieldName('property');
    if (inner?.type !== 'member_expression' || !property) continue;
    if (inner.childForFieldName('property')?.text !== 'outputs') continue;
    let base = inner.childForFieldName('object');
    if (base?.type === 'subscript_expression') base = base.childForFieldName('object');
    if (base?.type === 'identifier') uses.push({ module: base.text, output: property });
  }
  return uses;
}
