// The wildcard matcher on its own, apart from the permission rules that use it.
import { describe, expect, it } from 'vitest';

import type { PatternMatcher } from '../../../../packages/emulator/src/state/wildcard';
import { compilePattern } from '../../../../packages/emulator/src/state/wildcard';

function matcher(pattern: string): PatternMatcher {
  const compiled = compilePattern(pattern);
  if ('error' in compiled || compiled.kind !== 'pattern')
    throw new Error(`not a pattern: ${pattern}`);
  return compiled.matcher;
}

describe('compilePattern', () => {
  it('tells literals, match-all and patterns apart', () => {
    expect(compilePattern('room.a')).toEqual({ kind: 'literal', group: 'room.a' });
    expect(compilePattern('a\\*b')).toEqual({ kind: 'literal', group: 'a*b' });
    expect(compilePattern('**')).toEqual({ kind: 'all' });
    expect(compilePattern('room.*')).toMatchObject({ kind: 'pattern' });
  });

  it('matches ? and * within a segment, ** across segments', () => {
    expect(matcher('room.?').matches('room.a')).toBe(true);
    expect(matcher('room.?').matches('room..')).toBe(false);
    expect(matcher('room.*').matches('room.abc')).toBe(true);
    expect(matcher('room.*').matches('room.a.b')).toBe(false);
    expect(matcher('room.**').matches('room.a.b')).toBe(true);
    expect(matcher('*.x').matches('.x')).toBe(true);
  });

  it('says why a pattern is refused instead of throwing', () => {
    expect(compilePattern('')).toEqual({ error: 'the pattern is empty.' });
    expect(compilePattern('a\\')).toEqual({ error: 'it ends with a lone backslash.' });
    expect(compilePattern('\\a')).toMatchObject({
      error: expect.stringContaining('not an escape'),
    });
    expect(compilePattern('*.*.*.*.*.*')).toMatchObject({ error: expect.stringContaining("'*'") });
  });
});
