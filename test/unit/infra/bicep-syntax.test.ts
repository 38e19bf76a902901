// Syntax: every Bicep file in infra/ parses with tree-sitter-bicep, and broken files are reported
// with file:line:column.
import path from 'node:path';

import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';

import { formatFinding } from '../../../infra/tools/bicep-check/findings';
import {
  parseBicepFile,
  parseBicepSource,
  syntaxFindings,
} from '../../../infra/tools/bicep-check/parse';
import { checkCopy, FIXTURES, parseFixture, REPO } from './infra-fixtures';

describe('Bicep syntax', () => {
  const files = globSync('infra/**/*.bicep', { cwd: REPO, absolute: true });

  it('finds the templates', () => {
    expect(files.map((f) => path.relative(REPO, f)).sort()).toContain('infra/main.bicep');
    expect(files.length).toBeGreaterThanOrEqual(9);
  });

  it.each(files.map((f) => [path.relative(REPO, f), f]))('%s parses without errors', (_, file) => {
    expect(syntaxFindings(parseBicepFile(file))).toEqual([]);
  });

  it('reports a truncated file at the unclosed object, as file:line:column', () => {
    const findings = syntaxFindings(parseFixture('syntax/truncated.bicep'));
    expect(findings.length).toBeGreaterThan(0);
    expect(formatFinding(findings[0]!, FIXTURES)).toMatch(
      /^syntax\/truncated\.bicep:\d+:\d+ \[syntax\] /,
    );
  });

  it('reports a resource declaration without `=` on its line', () => {
    const [first] = syntaxFindings(parseFixture('syntax/missing-equals.bicep'));
    expect(first).toMatchObject({ rule: 'syntax', line: 5 });
  });

  it('reports constructs the grammar rejects (a .bicepparam assignment)', () => {
    const file = parseBicepSource(
      'x.bicep',
      "using 'main.bicep'\nparam x = readEnvironmentVariable('X')\n",
    );
    expect(syntaxFindings(file)).not.toEqual([]);
  });

  it('stops the whole check at syntax errors, before the semantic rules', () => {
    const result = checkCopy({
      'infra/modules/identity.bicep': [['param name string', 'param name string =']],
    });
    expect(result.findings.map((f) => f.rule)).toEqual(result.findings.map(() => 'syntax'));
    expect(result.findings[0]?.file).toMatch(/identity\.bicep$/);
  });
});
