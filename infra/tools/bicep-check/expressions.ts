// Reading expressions without evaluating them: the literal alternatives an expression can take
// (through vars, ternaries, `union`/`concat`), and the parts of a `for` loop.
import { declarations, stringText } from './model';
import type { BicepFile } from './parse';
import type { SyntaxNode } from './syntax';

/** A `[for x in xs: ...]` / `[for (x, i) in xs: ...]`: its variable names, iterable and body. */
export function loopParts(loop: SyntaxNode): {
  names: string[];
  iterable?: SyntaxNode;
  body?: SyntaxNode;
} {
  const params = loop.namedChildren.find((c) => c.type === 'for_loop_parameters');
  const init = loop.childForFieldName('initializer') ?? params;
  const body = loop.childForFieldName('body') ?? loop.namedChildren.at(-1);
  const names = params ? params.namedChildren.map((c) => c.text) : init ? [init.text] : [];
  const iterable = loop.namedChildren.find((c) => c !== init && c !== body);
  return { names, iterable, body };
}

/**
 * Follows variable references and collects the literal nodes an expression can evaluate to:
 * both branches of a ternary, the arguments of `union`/`concat`, the value of a `var`.
 */
export function alternatives(
  file: BicepFile,
  node: SyntaxNode | undefined,
  seen = new Set<string>(),
): SyntaxNode[] {
  if (!node) return [];
  switch (node.type) {
    case 'parenthesized_expression':
      return alternatives(file, node.namedChildren[0], seen);
    case 'ternary_expression':
      return [node.childForFieldName('consequence'), node.childForFieldName('alternative')].flatMap(
        (n) => alternatives(file, n ?? undefined, seen),
      );
    case 'identifier': {
      if (seen.has(node.text)) return [];
      seen.add(node.text);
      const v = declarations(file).find((d) => d.kind === 'var' && d.name === node.text);
      return v ? alternatives(file, v.value, seen) : [node];
    }
    case 'call_expression': {
      const fn = node.childForFieldName('function')?.text;
      if (fn === 'union' || fn === 'concat') {
        const args = node.childForFieldName('arguments')?.namedChildren ?? [];
        return args.flatMap((a) => alternatives(file, a, seen));
      }
      return [node];
    }
    default:
      return [node];
  }
}

/** String values an expression may take, when they are literals (else undefined for that branch). */
export function literalStrings(
  file: BicepFile,
  node: SyntaxNode | undefined,
): (string | undefined)[] {
  return alternatives(file, node).map((n) => stringText(n));
}
