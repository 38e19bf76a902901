// The parse tree as plain objects, copied once with a tree cursor: rules read these instead of
// the native binding's node objects, whose cache returns inconsistent results when the same tree
// is walked many times (tree-sitter 0.22 Node binding).
import type { Tree } from 'tree-sitter';

export interface Point {
  row: number;
  column: number;
}

export class SyntaxNode {
  readonly children: SyntaxNode[] = [];
  parent: SyntaxNode | null = null;
  /** The grammar field this node fills in its parent (`initializer`, `body`, ...). */
  field: string | undefined;
  #named: SyntaxNode[] | undefined;

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    readonly startPosition: Point,
    readonly text: string,
  ) {}

  get namedChildren(): SyntaxNode[] {
    return (this.#named ??= this.children.filter((c) => c.isNamed));
  }

  get hasError(): boolean {
    return this.type === 'ERROR' || this.isMissing || this.children.some((c) => c.hasError);
  }

  childForFieldName(field: string): SyntaxNode | null {
    return this.children.find((c) => c.field === field) ?? null;
  }

  /** Descendants (not this node) of the given type, in document order. */
  descendantsOfType(type: string): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    const visit = (n: SyntaxNode) => {
      for (const c of n.children) {
        if (c.type === type) out.push(c);
        visit(c);
      }
    };
    visit(this);
    return out;
  }
}

export function copyTree(tree: Tree): SyntaxNode {
  const cursor = tree.walk();
  const make = (): SyntaxNode => {
    const node = new SyntaxNode(
      cursor.nodeType,
      cursor.nodeIsNamed,
      cursor.nodeIsMissing,
      { ...cursor.startPosition },
      cursor.nodeText,
    );
    node.field = cursor.currentFieldName || undefined;
    if (cursor.gotoFirstChild()) {
      do {
        const child = make();
        child.parent = node;
        node.children.push(child);
      } while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
    return node;
  };
  return make();
}
