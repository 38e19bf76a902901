// Every kind of invalid filter is rejected at compile time with a 400 EMU_ERR_INVALID_FILTER error.
import { describe, expect, it } from 'vitest';

import { EmulatorError } from '../../../../packages/emulator/src/errors';
import {
  compileFilter,
  MAX_FILTER_DEPTH,
  MAX_FILTER_LENGTH,
} from '../../../../packages/emulator/src/filter/index';

/** Compiles `filter`, expecting the filter error; returns its message for further checks. */
function rejection(filter: string): string {
  let caught: unknown;
  try {
    compileFilter(filter);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(EmulatorError);
  const error = caught as EmulatorError;
  expect(error.status).toBe(400);
  expect(error.code).toBe('EMU_ERR_INVALID_FILTER');
  expect(error.target).toBe('filter');
  // Syntax errors read as the service words them; the emulator's explanation is their detail.
  if (error.message.startsWith('Invalid syntax for ')) {
    expect(error.message).toBe(
      `Invalid syntax for '${filter}': Syntax error at position ${/at position (\d+) in/.exec(error.message)?.[1]} in '${filter}'. (Parameter 'filter')`,
    );
    return error.details![0]!.message;
  }
  expect(error.message.startsWith('Invalid filter: ')).toBe(true);
  return error.message;
}

describe("the service's wording for syntax errors", () => {
  it('matches what the SDK live tests expect of the service, position at the end of the bad token', () => {
    const error = (filter: string) => {
      try {
        compileFilter(filter);
      } catch (err) {
        return err as EmulatorError;
      }
      throw new Error('accepted');
    };
    const e = error('invalid filter');
    expect(e.message).toBe(
      "Invalid syntax for 'invalid filter': Syntax error at position 14 in 'invalid filter'. (Parameter 'filter')",
    );
    expect(e.details).toEqual([
      {
        code: 'Error.BadRequest',
        message: "Invalid filter: unexpected 'filter' after a complete expression at position 8.",
        target: 'filter',
      },
    ]);
    expect(error("userId eq 'a' extra").message).toContain('Syntax error at position 19 in');
    expect(error('userId eq').message).toContain('Syntax error at position 9 in');
    expect(error('userId eq "a"').message).toContain('Syntax error at position 11 in');
    // Type errors keep the emulator's own wording.
    expect(error("nope eq 'a'").message.startsWith('Invalid filter: ')).toBe(true);
  });
});

describe('syntax errors', () => {
  it.each([
    ["userId eq 'abc", 'unterminated string literal at position 10'],
    ["userId eq 'it''s", 'unterminated string literal at position 10'],
    ["userId eq 'a' extra", "unexpected 'extra' after a complete expression at position 14"],
    ['true true', "unexpected 'true' after a complete expression at position 5"],
    ["userId eq 'a')", "unexpected ')' after a complete expression at position 13"],
    ['(true', "expected ')' but found the end of the filter at position 5"],
    ['userId eq', 'expected an expression but found the end of the filter at position 9'],
    ['   ', 'expected an expression but found the end of the filter at position 3'],
    ["eq 'a'", "expected an expression but found 'eq' at position 0"],
    ['true and', 'expected an expression but found the end of the filter at position 8'],
    ['true and or true', "expected an expression but found 'or' at position 9"],
    ['not', 'expected an expression but found the end of the filter at position 3'],
    ['()', "expected an expression but found ')' at position 1"],
    ['userId in ()', "expected an expression but found ')' at position 11"],
    ["userId in ('a' 'b')", "expected ',' or ')' but found ''b'' at position 15"],
    ["userId in ('a',)", "expected an expression but found ')' at position 15"],
    ["contains(userId 'a')", "expected ',' or ')' but found ''a'' at position 16"],
    ['userId eq "a"', 'unexpected character "\\"" at position 10'],
    ["userId eq 'a' && true", 'unexpected character "&" at position 14'],
    ['length(userId) gt 1.5', "invalid number '1.5' (only integers are supported) at position 18"],
    ['length(userId) gt 5x', "invalid number '5x' (only integers are supported) at position 18"],
    [
      'length(userId) gt 2147483648',
      'integer 2147483648 is outside the 32-bit range at position 18',
    ],
    ['length(userId) gt - 1', 'unexpected character "-" at position 18'],
    ["userId/x eq 'a'", 'unexpected character "/" at position 6'],
  ])('%s', (filter, message) => {
    expect(rejection(filter)).toBe(`Invalid filter: ${message}.`);
  });

  it('accepts the int32 bounds', () => {
    expect(compileFilter('length(userId) gt -2147483648')).toBeTypeOf('function');
    expect(compileFilter('length(userId) lt 2147483647')).toBeTypeOf('function');
    expect(rejection('length(userId) gt -2147483649')).toContain('outside the 32-bit range');
  });
});

describe('keywords are case-sensitive lower-case', () => {
  it.each([
    [
      "userId eq 'a' AND true",
      "unexpected 'AND' after a complete expression (keywords are lower-case: and) at position 14",
    ],
    [
      "userId EQ 'a'",
      "unexpected 'EQ' after a complete expression (keywords are lower-case: eq) at position 7",
    ],
    [
      "'g' IN groups",
      "unexpected 'IN' after a complete expression (keywords are lower-case: in) at position 4",
    ],
    ['NOT true', "unexpected 'NOT' (keywords are lower-case: not) at position 0"],
    ["NOT('g' in groups)", "unexpected 'NOT' (keywords are lower-case: not) at position 0"],
    ['True', "unexpected 'True' (keywords are lower-case: true) at position 0"],
    ['userId eq NULL', "unexpected 'NULL' (keywords are lower-case: null) at position 10"],
    [
      "toLower(userId) eq 'a'",
      "unknown function 'toLower' (function names are lower-case: tolower) at position 0",
    ],
    [
      "StartsWith(userId, 'a')",
      "unknown function 'StartsWith' (function names are lower-case: startswith) at position 0",
    ],
  ])('%s', (filter, message) => {
    expect(rejection(filter)).toBe(`Invalid filter: ${message}.`);
  });
});

describe('unknown names and argument counts', () => {
  it.each([
    [
      'ab eq 1',
      "unknown identifier 'ab' (expected userId, connectionId, groups or protocol) at position 0",
    ],
    [
      "user eq 'a'",
      "unknown identifier 'user' (expected userId, connectionId, groups or protocol) at position 0",
    ],
    ['invalid(ab, c)', "unknown function 'invalid' at position 0"],
    ["userId(1) eq 'a'", "unknown function 'userId' at position 0"],
    ['tolower() eq null', 'tolower() takes 1 argument, got 0 at position 0'],
    ["tolower(userId, 'x') eq null", 'tolower() takes 1 argument, got 2 at position 0'],
    ['contains(userId)', 'contains() takes 2 arguments, got 1 at position 0'],
    ["concat('a', 'b', 'c') eq 'abc'", 'concat() takes 2 arguments, got 3 at position 0'],
    ['substring(userId) eq null', 'substring() takes 2 or 3 arguments, got 1 at position 0'],
    [
      'substring(userId, 1, 2, 3) eq null',
      'substring() takes 2 or 3 arguments, got 4 at position 0',
    ],
    ['length(userId, groups) eq 1', 'length() takes 1 argument, got 2 at position 0'],
  ])('%s', (filter, message) => {
    expect(rejection(filter)).toBe(`Invalid filter: ${message}.`);
  });
});

describe('type errors', () => {
  it.each([
    [
      'not length(userId) gt 5',
      "'not' needs a bool operand, got int (to negate a comparison write not (...)) at position 4",
    ],
    [
      "( not 'a' )",
      "'not' needs a bool operand, got string (to negate a comparison write not (...)) at position 6",
    ],
    ["groups eq 'x'", "'eq' cannot compare a collection (use 'in' or length()) at position 0"],
    ["'x' ne groups", "'ne' cannot compare a collection (use 'in' or length()) at position 7"],
    ['groups gt 1', "'gt' cannot compare a collection (use 'in' or length()) at position 0"],
    ['userId lt 1', "'lt' compares two ints or two strings, not string and int at position 7"],
    [
      'length(userId) ge userId',
      "'ge' compares two ints or two strings, not int and string at position 15",
    ],
    ['true gt false', "'gt' compares two ints or two strings, not bool and bool at position 5"],
    ['userId and true', "'and' needs bool operands, got string at position 0"],
    ['true or length(userId)', "'or' needs bool operands, got int at position 8"],
    ['userId', 'the filter must be a bool expression, got string at position 0'],
    ['tolower(userId)', 'the filter must be a bool expression, got string at position 0'],
    ['length(groups)', 'the filter must be a bool expression, got int at position 0'],
    ['groups', 'the filter must be a bool expression, got collection at position 0'],
    ['null', 'the filter must be a bool expression, got null at position 0'],
    ['42', 'the filter must be a bool expression, got int at position 0'],
    ["'a'", 'the filter must be a bool expression, got string at position 0'],
    ['tolower(1) eq null', 'argument 1 of tolower() must be string, got int at position 8'],
    [
      'contains(userId, groups)',
      'argument 2 of contains() must be string, got collection at position 17',
    ],
    ["startswith(true, 'a')", 'argument 1 of startswith() must be string, got bool at position 11'],
    [
      "substring(userId, '1') eq 'a'",
      'argument 2 of substring() must be int, got string at position 18',
    ],
    [
      'substring(userId, 1, null) eq null',
      'argument 3 of substring() must be int, got null at position 21',
    ],
    [
      'length(1) eq 1',
      'argument 1 of length() must be a string or a collection, got int at position 7',
    ],
    [
      "indexof(groups, 'a') eq 0",
      'argument 1 of indexof() must be string, got collection at position 8',
    ],
    [
      "'a' in userId",
      "the right side of 'in' must be a collection (groups) or a parenthesized list, got string at position 7",
    ],
    [
      'groups in groups',
      "the left side of 'in' must be a single value, not a collection at position 0",
    ],
    ["userId in ('a', groups)", "a list after 'in' cannot contain a collection at position 16"],
  ])('%s', (filter, message) => {
    expect(rejection(filter)).toBe(`Invalid filter: ${message}.`);
  });

  it('checks types even where evaluation would never get there', () => {
    expect(rejection('false and userId')).toContain("'and' needs bool operands, got string");
    expect(rejection("true or 'x'")).toContain("'or' needs bool operands, got string");
  });
});

describe('limits', () => {
  const nested = (depth: number) => '('.repeat(depth) + 'true' + ')'.repeat(depth);

  it(`allows ${MAX_FILTER_DEPTH} levels of nesting and rejects one more`, () => {
    expect(compileFilter(nested(MAX_FILTER_DEPTH))).toBeTypeOf('function');
    expect(rejection(nested(MAX_FILTER_DEPTH + 1))).toBe(
      `Invalid filter: the filter is nested more than ${MAX_FILTER_DEPTH} levels deep at position ${MAX_FILTER_DEPTH}.`,
    );
  });

  it('counts not, function calls and in-lists as nesting too', () => {
    expect(compileFilter('not '.repeat(MAX_FILTER_DEPTH) + 'true')).toBeTypeOf('function');
    expect(rejection('not '.repeat(MAX_FILTER_DEPTH + 1) + 'true')).toContain('nested more than');
    const calls = (n: number) => 'tolower('.repeat(n) + 'userId' + ')'.repeat(n) + ' eq null';
    expect(compileFilter(calls(MAX_FILTER_DEPTH))).toBeTypeOf('function');
    expect(rejection(calls(MAX_FILTER_DEPTH + 1))).toContain('nested more than');
    expect(rejection(`userId in (${nested(MAX_FILTER_DEPTH)})`)).toContain('nested more than');
  });

  it('flat chains of and/or are not nesting', () => {
    const many = Array.from({ length: 150 }, (_, i) => `'g${i}' in groups`).join(' or ');
    expect(many.length).toBeLessThanOrEqual(MAX_FILTER_LENGTH);
    expect(() => compileFilter(many)).not.toThrow();
  });

  it(`rejects filters longer than ${MAX_FILTER_LENGTH} characters`, () => {
    const atLimit = `userId eq '${'x'.repeat(MAX_FILTER_LENGTH - 12)}'`;
    expect(atLimit.length).toBe(MAX_FILTER_LENGTH);
    expect(compileFilter(atLimit)).toBeTypeOf('function');
    expect(rejection(`${atLimit} `)).toBe(
      `Invalid filter: the filter is ${MAX_FILTER_LENGTH + 1} characters long; the limit is ${MAX_FILTER_LENGTH}.`,
    );
  });
});
