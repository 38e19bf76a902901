// The parser's tree: OData precedence, flattened and/or chains, and the two forms of `in`.
import { describe, expect, it } from 'vitest';

import { tokenize } from '../../../../packages/emulator/src/filter/lexer';
import { parse } from '../../../../packages/emulator/src/filter/parser';

const tree = (src: string) => parse(tokenize(src));

describe('parse', () => {
  it('keeps and/or chains flat, with and inside or', () => {
    expect(tree('true or false and true or false')).toMatchObject({
      kind: 'logical',
      op: 'or',
      operands: [
        { kind: 'literal', value: true },
        {
          kind: 'logical',
          op: 'and',
          operands: [
            { kind: 'literal', value: false },
            { kind: 'literal', value: true },
          ],
        },
        { kind: 'literal', value: false },
      ],
    });
  });

  it('puts not above in and below comparisons', () => {
    expect(tree("not 'g' in groups")).toMatchObject({
      kind: 'not',
      operand: { kind: 'in', left: { kind: 'literal', value: 'g' }, parenthesized: false },
    });
    expect(tree('not length(userId) gt 5')).toMatchObject({
      kind: 'compare',
      op: 'gt',
      left: { kind: 'not', operand: { kind: 'call', name: 'length' } },
      right: { kind: 'literal', value: 5 },
    });
  });

  it('chains comparisons to the left', () => {
    expect(tree('1 eq 2 ne true')).toMatchObject({
      kind: 'compare',
      op: 'ne',
      left: { kind: 'compare', op: 'eq' },
      right: { kind: 'literal', value: true },
    });
  });

  it('parses both forms of in', () => {
    expect(tree("userId in ('a', 'b')")).toMatchObject({
      kind: 'in',
      left: { kind: 'ident', name: 'userId' },
      items: [
        { kind: 'literal', value: 'a' },
        { kind: 'literal', value: 'b' },
      ],
      parenthesized: true,
      pos: 7,
    });
    expect(tree("'a' in groups")).toMatchObject({
      kind: 'in',
      items: [{ kind: 'ident', name: 'groups' }],
      parenthesized: false,
    });
  });

  it('drops parentheses and records positions', () => {
    expect(tree("((userId)) eq 'x'")).toEqual({
      kind: 'compare',
      op: 'eq',
      left: { kind: 'ident', name: 'userId', pos: 2 },
      right: { kind: 'literal', value: 'x', pos: 14 },
      pos: 11,
    });
  });

  it('parses calls with zero or more arguments', () => {
    expect(tree('f()')).toEqual({ kind: 'call', name: 'f', args: [], pos: 0 });
    expect(tree('substring(userId, 1, 2)')).toMatchObject({
      kind: 'call',
      args: [{ kind: 'ident' }, { kind: 'literal', value: 1 }, { kind: 'literal', value: 2 }],
    });
  });

  it('parses true, false and null as literals', () => {
    expect(tree('null')).toEqual({ kind: 'literal', value: null, pos: 0 });
    expect(tree('false')).toEqual({ kind: 'literal', value: false, pos: 0 });
  });
});
