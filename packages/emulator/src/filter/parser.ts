// Recursive-descent parser from tokens to a syntax tree, with OData's precedence and a depth limit.
import type { CompareOp, Node } from './ast';
import { filterError, filterSyntaxError } from './fail';
import type { Token } from './lexer';
import { describeToken } from './lexer';

/** The service parses with Microsoft.OData's UriQueryExpressionParser(maxDepth: 100). */
export const MAX_FILTER_DEPTH = 100;

// Keywords are case-sensitive and lower-case, as in Microsoft.OData by default: `AND` is a word
// that cannot appear there, not an operator.
const COMPARE_OPS: ReadonlySet<string> = new Set<CompareOp>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const RESERVED: ReadonlySet<string> = new Set(['and', 'or', 'not', 'in', ...COMPARE_OPS]);
const LITERAL_WORDS: ReadonlySet<string> = new Set(['true', 'false', 'null']);

/**
 * Precedence, loosest first: `or`, `and`, comparisons (left-associative), `not`, `in`, primary.
 * `in` binding tighter than `not` follows Microsoft.OData (`not 'g' in groups` negates the `in`);
 * `not` binding tighter than comparisons is documented: `not length(userId) gt 5` is a type error.
 */
export function parse(tokens: readonly Token[]): Node {
  return new Parser(tokens).parseFilter();
}

/** `AND`, `Eq`, `NOT`: likely meant as keywords, which are lower-case. */
function keywordHint(word: string): string {
  const lower = word.toLowerCase();
  return lower !== word && (RESERVED.has(lower) || LITERAL_WORDS.has(lower))
    ? ` (keywords are lower-case: ${lower})`
    : '';
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseFilter(): Node {
    const node = this.parseOr();
    const rest = this.peek();
    if (rest.kind !== 'end') {
      const hint = rest.kind === 'word' ? keywordHint(rest.value) : '';
      throw filterSyntaxError(
        `unexpected ${describeToken(rest)} after a complete expression${hint}`,
        rest.pos,
        tokenEnd(rest),
      );
    }
    return node;
  }

  private parseOr(): Node {
    return this.parseLogical('or', () => this.parseAnd());
  }

  private parseAnd(): Node {
    return this.parseLogical('and', () => this.parseComparison());
  }

  private parseLogical(op: 'and' | 'or', operand: () => Node): Node {
    const first = operand();
    if (!this.atKeyword(op)) return first;
    const operands = [first];
    while (this.atKeyword(op)) {
      this.index++;
      operands.push(operand());
    }
    return { kind: 'logical', op, operands, pos: first.pos };
  }

  private parseComparison(): Node {
    let left = this.parseUnary();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'word' || !COMPARE_OPS.has(token.value)) return left;
      this.index++;
      const right = this.parseUnary();
      left = { kind: 'compare', op: token.value as CompareOp, left, right, pos: token.pos };
    }
  }

  private parseUnary(): Node {
    const token = this.peek();
    if (!this.atKeyword('not')) return this.parseIn();
    this.index++;
    this.enter(token.pos);
    const operand = this.parseUnary();
    this.leave();
    return { kind: 'not', operand, pos: token.pos };
  }

  private parseIn(): Node {
    const left = this.parsePrimary();
    const token = this.peek();
    if (!this.atKeyword('in')) return left;
    this.index++;
    const open = this.peek();
    if (open.kind !== '(') {
      return {
        kind: 'in',
        left,
        items: [this.parsePrimary()],
        parenthesized: false,
        pos: token.pos,
      };
    }
    this.index++;
    this.enter(open.pos);
    const items = this.parseList();
    this.leave();
    return { kind: 'in', left, items, parenthesized: true, pos: token.pos };
  }

  private parsePrimary(): Node {
    const token = this.next();
    switch (token.kind) {
      case 'string':
      case 'int':
        return { kind: 'literal', value: token.value, pos: token.pos };
      case '(': {
        this.enter(token.pos);
        const inner = this.parseOr();
        this.expect(')', "')'");
        this.leave();
        return inner;
      }
      case 'word':
        return this.parseWord(token.value, token.pos);
      default:
        throw filterSyntaxError(
          `expected an expression but found ${describeToken(token)}`,
          token.pos,
          tokenEnd(token),
        );
    }
  }

  private parseWord(word: string, pos: number): Node {
    if (word === 'true' || word === 'false') {
      return { kind: 'literal', value: word === 'true', pos };
    }
    if (word === 'null') return { kind: 'literal', value: null, pos };
    if (RESERVED.has(word)) {
      throw filterSyntaxError(`expected an expression but found '${word}'`, pos, pos + word.length);
    }
    // No identifier or function is spelled like a keyword, so `NOT`, `True`, `NULL` are mistakes.
    const hint = keywordHint(word);
    if (hint !== '') throw filterSyntaxError(`unexpected '${word}'${hint}`, pos, pos + word.length);
    if (this.peek().kind === '(') {
      this.index++;
      this.enter(pos);
      let args: Node[] = [];
      if (this.peek().kind === ')') this.index++;
      else args = this.parseList();
      this.leave();
      return { kind: 'call', name: word, args, pos };
    }
    // Resolved by the compiler, so a call's unknown name is reported before its arguments'.
    return { kind: 'ident', name: word, pos };
  }

  /** Comma-separated expressions after an opening parenthesis, through the closing one. */
  private parseList(): Node[] {
    const items = [this.parseOr()];
    while (this.peek().kind === ',') {
      this.index++;
      items.push(this.parseOr());
    }
    this.expect(')', "',' or ')'");
    return items;
  }

  private enter(pos: number): void {
    if (++this.depth > MAX_FILTER_DEPTH) {
      throw filterError(`the filter is nested more than ${MAX_FILTER_DEPTH} levels deep`, pos);
    }
  }

  private leave(): void {
    this.depth--;
  }

  private expect(kind: Token['kind'], what: string): void {
    const token = this.next();
    if (token.kind !== kind) {
      throw filterSyntaxError(
        `expected ${what} but found ${describeToken(token)}`,
        token.pos,
        tokenEnd(token),
      );
    }
  }

  private atKeyword(keyword: string): boolean {
    const token = this.peek();
    return token.kind === 'word' && token.value === keyword;
  }

  private peek(): Token {
    // The lexer always ends the list with an 'end' token, and `next` never moves past it.
    return this.tokens[this.index]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }
}

/** Where a token ends: what the service's syntax errors report as the position. */
function tokenEnd(token: Token): number {
  return token.pos + token.text.length;
}
