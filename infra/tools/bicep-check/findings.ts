// A finding of the offline Bicep check: which rule, where (file:line:column), and what is wrong.
import path from 'node:path';

import type { SyntaxNode } from './syntax';

export interface Finding {
  rule: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

/** A finding at a syntax node (1-based line and column, as editors show them). */
export function at(rule: string, file: string, node: SyntaxNode, message: string): Finding {
  return {
    rule,
    file,
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    message,
  };
}

/** A finding about a whole file (line 1, column 1). */
export function inFile(rule: string, file: string, message: string): Finding {
  return { rule, file, line: 1, column: 1, message };
}

export function formatFinding(f: Finding, root = process.cwd()): string {
  return `${path.relative(root, f.file) || f.file}:${f.line}:${f.column} [${f.rule}] ${f.message}`;
}
