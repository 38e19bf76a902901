// The lexer: token kinds, decoded values and offsets.
import { describe, expect, it } from 'vitest';

import { describeToken, tokenize } from '../../../../packages/emulator/src/filter/lexer';

const kinds = (src: string) => tokenize(src).map((t) => t.kind);

describe('tokenize', () => {
  it('splits words, literals and punctuation with their offsets', () => {
    expect(tokenize("contains(userId, 'a')")).toEqual([
      { kind: 'word', value: 'contains', pos: 0, text: 'contains' },
      { kind: '(', pos: 8, text: '(' },
      { kind: 'word', value: 'userId', pos: 9, text: 'userId' },
      { kind: ',', pos: 15, text: ',' },
      { kind: 'string', value: 'a', pos: 17, text: "'a'" },
      { kind: ')', pos: 20, text: ')' },
      { kind: 'end', pos: 21, text: '' },
    ]);
  });

  it("decodes '' as one quote and keeps the source text", () => {
    const [token] = tokenize("'O''Brien'");
    expect(token).toEqual({ kind: 'string', value: "O'Brien", pos: 0, text: "'O''Brien'" });
    expect(tokenize("''")[0]).toMatchObject({ kind: 'string', value: '' });
    expect(tokenize("''''")[0]).toMatchObject({ kind: 'string', value: "'" });
  });

  it('keeps whitespace, parentheses and keywords inside strings', () => {
    expect(tokenize("' a (b) and '")[0]).toMatchObject({ value: ' a (b) and ' });
  });

  it('reads signed integers only when the digit follows the sign', () => {
    expect(tokenize('-12 +3 0')).toMatchObject([
      { kind: 'int', value: -12 },
      { kind: 'int', value: 3 },
      { kind: 'int', value: 0 },
      { kind: 'end' },
    ]);
    const zero = tokenize('-0')[0]!; // -0 would print as 0 but compare oddly in Object.is
    expect(zero.kind === 'int' && Object.is(zero.value, 0)).toBe(true);
  });

  it('treats underscores and digits as word characters', () => {
    expect(tokenize('_a1 b_2')).toMatchObject([
      { kind: 'word', value: '_a1' },
      { kind: 'word', value: 'b_2' },
      { kind: 'end' },
    ]);
  });

  it('ends every token list with end at the text length', () => {
    expect(kinds('')).toEqual(['end']);
    expect(tokenize('  \t')).toEqual([{ kind: 'end', pos: 3, text: '' }]);
  });

  it('names tokens for messages', () => {
    const [word, end] = tokenize('and');
    expect(describeToken(word!)).toBe("'and'");
    expect(describeToken(end!)).toBe('the end of the filter');
  });
});
