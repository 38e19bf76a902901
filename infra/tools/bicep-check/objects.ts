// Reading nested object literals through variables and ternaries: `objectsAt(file, body,
// 'properties.globalValidation')` gives every object literal that path can be.
import { alternatives } from './expressions';
import { properties } from './model';
import type { BicepFile } from './parse';
import type { SyntaxNode } from './syntax';

/** The values a dotted path can take, starting from an expression (objects followed through vars). */
export function valuesAt(
  file: BicepFile,
  node: SyntaxNode | undefined,
  dotted: string,
): SyntaxNode[] {
  let current = node ? [node] : [];
  for (const key of dotted.split('.').filter(Boolean)) {
    current = current
      .flatMap((n) => alternatives(file, n))
      .filter((n) => n.type === 'object')
      .flatMap((o) => {
        const value = properties(o).get(key);
        return value ? [value] : [];
      });
  }
  return current.flatMap((n) => alternatives(file, n));
}

/** The items of the array literals an expression can be. */
export function arrayItems(file: BicepFile, node: SyntaxNode | undefined): SyntaxNode[] {
  return alternatives(file, node).flatMap((a) => (a.type === 'array' ? a.namedChildren : []));
}
