// What-if for the library rows: the @azure/functions bundle is compiled for ES2015, so each of its
// async methods is `__awaiter(this, void 0, void 0, function* () {…})` with `yield` for `await`.
// Measured on Node 20: what such a per-call generator closure captures (the invocation's context,
// inputs, result) survives young-generation GCs, where a native async function keeps nothing.
// This turns those calls back into native async arrows, to measure what the build target costs.
import type { Node } from 'acorn';
import { parse } from 'acorn';

export class RewriteError extends Error {
  override readonly name = 'RewriteError';
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

type AnyNode = Node & Record<string, unknown>;

const FUNCTIONS = new Set(['FunctionExpression', 'FunctionDeclaration', 'ArrowFunctionExpression']);

/**
 * `__awaiter(this, void 0, void 0, function* () { B })` → `(async () => { B })()`, each `yield`
 * of B (outside nested functions) → `await`. An arrow keeps `this`; a body that reads `arguments`
 * would not keep its meaning, so it is refused rather than rewritten.
 */
export function toNativeAsync(source: string): { code: string; rewritten: number } {
  const ast = parse(source, { ecmaVersion: 'latest', sourceType: 'script' }) as unknown as AnyNode;
  const edits: Edit[] = [];
  let rewritten = 0;

  const visit = (node: AnyNode, inBody: boolean): void => {
    const body = awaiterBody(node);
    if (body) {
      rewritten++;
      edits.push({ start: node.start, end: body.start, text: '(async () => ' });
      edits.push({ start: body.end, end: node.end, text: ')()' });
      children(body).forEach((c) => visit(c, true));
      return;
    }
    if (inBody && node.type === 'YieldExpression') {
      if (node.delegate) throw new RewriteError(`yield* at ${node.start} has no await form`);
      edits.push({ start: node.start, end: node.start + 'yield'.length, text: 'await' });
    }
    if (inBody && node.type === 'Identifier' && node.name === 'arguments') {
      throw new RewriteError(`'arguments' at ${node.start} would change meaning in an arrow`);
    }
    const nested = FUNCTIONS.has(node.type);
    children(node).forEach((c) => visit(c, inBody && !nested));
  };
  visit(ast, false);

  let code = source;
  for (const e of edits.sort((a, b) => b.start - a.start)) {
    code = code.slice(0, e.start) + e.text + code.slice(e.end);
  }
  return { code, rewritten };
}

/** The generator body of a `__awaiter(…, function* () {…})` call, if `node` is one. */
function awaiterBody(node: AnyNode): AnyNode | undefined {
  if (node.type !== 'CallExpression') return undefined;
  const callee = node.callee as AnyNode;
  const args = node.arguments as AnyNode[];
  if (callee.type !== 'Identifier' || callee.name !== '__awaiter' || args.length !== 4) {
    return undefined;
  }
  const fn = args[3]!;
  if (fn.type !== 'FunctionExpression' || !fn.generator || (fn.params as Node[]).length > 0) {
    return undefined;
  }
  return fn.body as AnyNode;
}

/** Child nodes, less names that are not variables (`a.arguments`, `{ arguments: 1 }`). */
function children(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  const namesOnly = !node.computed && (node.type === 'MemberExpression' || 'kind' in node);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type') continue;
    if (namesOnly && (key === 'property' || key === 'key')) continue;
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) out.push(v);
    } else if (isNode(value)) out.push(value);
  }
  return out;
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}
