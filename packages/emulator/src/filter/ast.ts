// The syntax tree the parser builds and the compiler turns into closures; `pos` is a text offset.

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type Node =
  | {
      readonly kind: 'literal';
      readonly value: string | number | boolean | null;
      readonly pos: number;
    }
  // The name as written; identifiers are resolved (case-insensitively) by the compiler.
  | { readonly kind: 'ident'; readonly name: string; readonly pos: number }
  | {
      readonly kind: 'call';
      readonly name: string;
      readonly args: readonly Node[];
      readonly pos: number;
    }
  | { readonly kind: 'not'; readonly operand: Node; readonly pos: number }
  | {
      // Chains of one operator are kept flat so evaluation loops instead of recursing.
      readonly kind: 'logical';
      readonly op: 'and' | 'or';
      readonly operands: readonly Node[];
      readonly pos: number;
    }
  | {
      readonly kind: 'compare';
      readonly op: CompareOp;
      readonly left: Node;
      readonly right: Node;
      readonly pos: number;
    }
  | {
      // `x in groups` has one item and no parentheses; `x in (a, b)` lists items. `x in (groups)`
      // is parenthesised with one item: only its type tells it apart from a one-value list.
      readonly kind: 'in';
      readonly left: Node;
      readonly items: readonly Node[];
      readonly parenthesized: boolean;
      readonly pos: number;
    };
