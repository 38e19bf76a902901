// Walks the syntax tree once, type-checking it and turning every node into a closure.
import type { Node } from './ast';
import { filterError } from './fail';
import { compileCall } from './functions';
import type { Operand } from './operators';
import { compileCompare, compileIn, compileLogical, compileNot } from './operators';
import type { Compiled, FilterPredicate } from './types';
import { ALWAYS, boolValue, NEVER } from './types';

/** Compiles a parsed filter; its top level must be a bool expression. */
export function compileTree(root: Node): FilterPredicate {
  const compiled = compileNode(root);
  if (compiled.type !== 'bool') {
    throw filterError(`the filter must be a bool expression, got ${compiled.type}`, root.pos);
  }
  return compiled.get;
}

function compileNode(node: Node): Compiled {
  switch (node.kind) {
    case 'literal':
      return literal(node.value);
    case 'ident':
      return identifier(node.name, node.pos);
    case 'call':
      return compileCall(node, compileNode);
    case 'not':
      return compileNot(operand(node.operand));
    case 'logical':
      return compileLogical(node.op, node.operands.map(operand));
    case 'compare':
      return compileCompare(node.op, operand(node.left), operand(node.right), node.pos);
    case 'in':
      return compileIn(operand(node.left), node.items.map(operand), node.parenthesized);
  }
}

function operand(node: Node): Operand {
  return { value: compileNode(node), pos: node.pos };
}

function literal(value: string | number | boolean | null): Compiled {
  if (typeof value === 'string') return { type: 'string', get: () => value, constant: value };
  if (typeof value === 'number') return { type: 'int', get: () => value, constant: value };
  if (typeof value === 'boolean') return boolValue(value ? ALWAYS : NEVER, value);
  return { type: 'null', get: () => null, constant: null };
}

// Identifiers are case-insensitive (service docs). `protocol` is not in the docs but the
// service's own emulator (ODataFilterExecutor) supports it.
const IDENTIFIERS: ReadonlyMap<string, Compiled> = new Map<string, Compiled>([
  ['userid', { type: 'string', get: (t) => t.userId }],
  ['connectionid', { type: 'string', get: (t) => t.connectionId }],
  ['protocol', { type: 'string', get: (t) => t.protocol }],
  ['groups', { type: 'collection', get: (t) => t.groups }],
]);

function identifier(name: string, pos: number): Compiled {
  const compiled = IDENTIFIERS.get(name.toLowerCase());
  if (compiled !== undefined) return compiled;
  const expected = 'expected userId, connectionId, groups or protocol';
  throw filterError(`unknown identifier '${name}' (${expected})`, pos);
}
