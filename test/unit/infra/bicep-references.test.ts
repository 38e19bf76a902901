// References: every name used is declared and every function called exists.
import { describe, expect, it } from 'vitest';

import { checkReferences } from '../../../infra/tools/bicep-check/rules/references';
import { checkCopy, messages, parseFixture } from './infra-fixtures';

describe('undefined references', () => {
  it('accepts loops, lambdas, nested and existing resources, `::`, decorators, list functions', () => {
    expect(checkReferences(parseFixture('refs/ok.bicep'))).toEqual([]);
  });

  it('reports undeclared names and unknown functions where they are used', () => {
    const found = checkReferences(parseFixture('refs/broken.bicep')).map(
      (f) => `${f.line}:${f.column} ${f.message}`,
    );
    expect(found).toEqual([
      '3:25 "suffix" is not declared',
      '4:12 unknown function "unknownFunction"',
      '5:35 "offset" is not declared',
      '9:50 "missing" is not declared',
      '12:20 "storag" is not declared',
    ]);
  });

  it('fails the real templates when a param is renamed but still used', () => {
    const result = checkCopy({
      'infra/modules/storage.bicep': [['param tags object', 'param labels object']],
    });
    expect(messages(result, 'undefined-reference')).toContain('"tags" is not declared');
  });
});
