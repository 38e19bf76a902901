// Counting JSON nesting on the text: arrays and objects count, brackets inside strings do not.
import { describe, expect, it } from 'vitest';

import { jsonDepthWithin } from '../../../chat-contract/json-depth';

describe('jsonDepthWithin', () => {
  it.each([
    ['1', 0, true],
    ['[]', 1, true],
    ['[]', 0, false],
    ['{"a":[{"b":[]}]}', 4, true],
    ['{"a":[{"b":[]}]}', 3, false],
    ['["[[[[", "\\"[[["]', 1, true],
    ['["\\\\", [[]]]', 2, false],
  ])('%s within %i: %s', (text, max, within) => {
    expect(jsonDepthWithin(text, max)).toBe(within);
  });
});
