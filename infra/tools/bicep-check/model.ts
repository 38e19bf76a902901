// The declarations of one Bicep file (params, vars, resources, modules, outputs, ...) and helpers
// to read object literals, follow variables and collect literal values from the syntax tree.
import type { BicepFile } from './parse';
import type { SyntaxNode } from './syntax';

export type DeclKind =
  'param' | 'var' | 'resource' | 'module' | 'output' | 'type' | 'func' | 'import';

export interface Decl {
  kind: DeclKind;
  name: string;
  node: SyntaxNode;
  /** Resource type (`Type@version`) or module path. */
  target?: string;
  /** Default value (params), value (vars, outputs) or body (resources, modules). */
  value?: SyntaxNode;
  /** Params only: optional for callers (has a default or a nullable type). */
  optional?: boolean;
}

const KINDS: Record<string, DeclKind> = {
  parameter_declaration: 'param',
  variable_declaration: 'var',
  resource_declaration: 'resource',
  module_declaration: 'module',
  output_declaration: 'output',
  type_declaration: 'type',
  user_defined_function: 'func',
};

export function stringText(node: SyntaxNode | null | undefined): string | undefined {
  if (node?.type !== 'string') return undefined;
  if (node.namedChildren.some((c) => c.type === 'interpolation')) return undefined;
  return node.namedChildren
    .map((c) => (c.type === 'escape_sequence' ? c.text.slice(1) : c.text))
    .join('');
}

/** The object a resource or module body is, through `if (...)` and `[for ...]`. */
export function bodyObject(node: SyntaxNode | undefined): SyntaxNode | undefined {
  if (!node) return undefined;
  if (node.type === 'object') return node;
  if (node.type === 'if_statement') return bodyObject(node.namedChildren.at(-1));
  if (node.type === 'for_statement') return bodyObject(node.childForFieldName('body') ?? undefined);
  return undefined;
}

export function propertyKey(prop: SyntaxNode): string | undefined {
  const key = prop.namedChildren[0];
  if (!key) return undefined;
  return key.type === 'string' ? stringText(key) : key.text;
}

export function properties(obj: SyntaxNode | undefined): Map<string, SyntaxNode> {
  const map = new Map<string, SyntaxNode>();
  for (const prop of obj?.namedChildren ?? []) {
    if (prop.type !== 'object_property') continue;
    const key = propertyKey(prop);
    const value = prop.namedChildren[1];
    if (key !== undefined && value) map.set(key, value);
  }
  return map;
}

export function declarations(file: BicepFile): Decl[] {
  const decls: Decl[] = [];
  for (const node of file.root.namedChildren) {
    const kind = KINDS[node.type];
    if (kind) decls.push(declaration(node, kind));
    if (node.type === 'import_statement' || node.type === 'import_functionality') {
      for (const id of node.descendantsOfType('identifier'))
        decls.push({ kind: 'import', name: id.text, node: id });
    }
  }
  return decls;
}

function declaration(node: SyntaxNode, kind: DeclKind): Decl {
  const named = node.namedChildren;
  const name = (node.childForFieldName('name') ?? named[0])?.text ?? '';
  const decl: Decl = { kind, name, node, value: named.at(-1) };
  if (kind === 'resource' || kind === 'module') decl.target = stringText(named[1]);
  if (kind === 'param') {
    const hasDefault = node.children.some((c) => c.type === '=');
    const nullable = named.some((c) => c.type === 'type' && c.text.trim().endsWith('?'));
    decl.optional = hasDefault || nullable;
    if (!hasDefault) delete decl.value;
  }
  return decl;
}

/** Resources declared anywhere (nested child resources included), with their bodies. */
export function resources(file: BicepFile): Decl[] {
  return file.root
    .descendantsOfType('resource_declaration')
    .map((node) => declaration(node, 'resource'));
}
