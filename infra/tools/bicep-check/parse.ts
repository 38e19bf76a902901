// Parses Bicep with tree-sitter-bicep and reports every syntax error (ERROR or MISSING node) with
// its file:line:column. Parsing is syntax only: the semantic rules live in rules/.
import { readFileSync } from 'node:fs';

import Parser from 'tree-sitter';
import Bicep from 'tree-sitter-bicep';

import type { Finding } from './findings';
import { at } from './findings';
import type { SyntaxNode } from './syntax';
import { copyTree } from './syntax';

export interface BicepFile {
  path: string;
  source: string;
  root: SyntaxNode;
}

let parser: Parser | undefined;

function bicepParser(): Parser {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(Bicep as unknown as Parser.Language);
  }
  return parser;
}

export function parseBicepSource(file: string, source: string): BicepFile {
  // The Node binding reads the input in chunks; a buffer as large as the file avoids surprises.
  const tree = bicepParser().parse(source, null, {
    bufferSize: Math.max(32 * 1024, source.length * 2),
  });
  return { path: file, source, root: copyTree(tree) };
}

export function parseBicepFile(file: string): BicepFile {
  return parseBicepSource(file, readFileSync(file, 'utf8'));
}

export function syntaxFindings(file: BicepFile): Finding[] {
  const findings: Finding[] = [];
  const visit = (node: SyntaxNode): void => {
    if (node.isMissing) {
      findings.push(at('syntax', file.path, node, `missing ${node.type}`));
    } else if (node.type === 'ERROR') {
      const text = node.text.split('\n')[0]?.slice(0, 40) ?? '';
      findings.push(at('syntax', file.path, node, `syntax error near "${text}"`));
      return; // one report per broken region
    }
    if (node.hasError) for (const child of node.children) visit(child);
  };
  visit(file.root);
  return findings;
}
