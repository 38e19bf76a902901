// The string and collection functions, including what each does with null and edge indexes.
import { describe, expect, it } from 'vitest';

import type { FilterTarget } from '../../../../packages/emulator/src/filter/index';
import { compileFilter } from '../../../../packages/emulator/src/filter/index';

const user = (userId: string | null): FilterTarget => ({
  connectionId: 'c',
  userId,
  groups: new Set(['a', 'b']),
  protocol: null,
});
const matches = (filter: string, userId: string | null) => compileFilter(filter)(user(userId));

describe('string functions', () => {
  it.each([
    ["tolower(userId) eq 'user1'", 'USER1', true],
    ["tolower(userId) eq 'USER1'", 'USER1', false],
    ["toupper(userId) eq 'USER1'", 'user1', true],
    ["trim(userId) eq 'user1'", ' user1 ', true],
    ["userId eq 'user1'", ' user1 ', false],
    ["substring(userId, 5, 2) eq 'ab'", 'user-ab-de', true],
    ["substring(userId, 5) eq 'ab-de'", 'user-ab-de', true],
    ["substring(userId, 1, 1) eq 'b'", 'abc', true],
    ["substring(userId, 0) eq 'abc'", 'abc', true],
    ["substring(userId, 3) eq ''", 'abc', true],
    ["substring(userId, 1, 2) eq 'bc'", 'abc', true],
    ["concat(userId, '-x') eq 'u-x'", 'u', true],
    ["concat('x-', userId) eq 'x-u'", 'u', true],
    ["concat(concat(userId, '.'), userId) eq 'u.u'", 'u', true],
    ["indexof(userId, '-ab-') eq 4", 'user-ab-de', true],
    ["indexof(userId, '-ab-') ge 0", 'user-ab-de', true],
    ["indexof(userId, 'zz') eq -1", 'user-ab-de', true],
    ['length(userId) eq 10', 'user-ab-de', true],
    ["length('') eq 0", 'x', true],
    ["contains(userId, 'b-d')", 'user-ab-de', true],
    ["contains(userId, 'B')", 'user-ab-de', false],
    ["contains(userId, 'b')", 'aaa', false],
    ["startswith(userId, 'user')", 'user-ab-de', true],
    ["startswith(userId, 'ab')", 'user-ab-de', false],
    ["endswith(userId, 'de')", 'user-ab-de', true],
    ["endswith(userId, 'milk')", 'user-ab-de', false],
    ["not endswith(userId, 'milk')", 'user-ab-de', true],
    ["startswith(tolower(userId), 'user')", 'USER-1', true],
  ])('%s with userId %j → %s', (filter, userId, expected) => {
    expect(matches(filter, userId)).toBe(expected);
  });

  it('substring out of range gives null, so comparisons are false', () => {
    expect(matches("substring(userId, 1) eq 'b'", '')).toBe(false);
    expect(matches('substring(userId, 1) eq null', '')).toBe(true);
    expect(matches('substring(userId, 4) eq null', 'abc')).toBe(true);
    expect(matches('substring(userId, -1) eq null', 'abc')).toBe(true);
    expect(matches('substring(userId, 1, 3) eq null', 'abc')).toBe(true);
    expect(matches('substring(userId, 0, -1) eq null', 'abc')).toBe(true);
  });

  it('substring accepts int expressions for its indexes', () => {
    expect(matches("substring(userId, indexof(userId, '-') ) eq '-x'", 'ab-x')).toBe(true);
    expect(matches('substring(userId, length(userId)) eq null', null)).toBe(true);
  });
});

describe('null arguments', () => {
  it('string-to-string functions give null', () => {
    expect(matches('tolower(userId) eq null', null)).toBe(true);
    expect(matches('toupper(userId) eq null', null)).toBe(true);
    expect(matches('trim(userId) eq null', null)).toBe(true);
    expect(matches('substring(userId, 0) eq null', null)).toBe(true);
    expect(matches('tolower(null) eq null', 'x')).toBe(true);
  });

  it('boolean functions give false', () => {
    expect(matches("contains(userId, 'a')", null)).toBe(false);
    expect(matches("startswith(userId, 'a')", null)).toBe(false);
    expect(matches("endswith(userId, 'a')", null)).toBe(false);
    expect(matches('contains(userId, null)', 'abc')).toBe(false);
    expect(matches("not contains(userId, 'a')", null)).toBe(true);
  });

  it('indexof gives -1 and length gives null', () => {
    expect(matches("indexof(userId, 'a') eq -1", null)).toBe(true);
    expect(matches('indexof(userId, null) eq -1', 'abc')).toBe(true);
    expect(matches('length(userId) eq null', null)).toBe(true);
    expect(matches('length(null) eq null', 'x')).toBe(true);
  });

  it('concat drops a null side; both null give null', () => {
    expect(matches("concat(userId, 'x') eq 'x'", null)).toBe(true);
    expect(matches("concat('x', userId) eq 'x'", null)).toBe(true);
    expect(matches('concat(userId, null) eq null', null)).toBe(true);
    expect(matches("concat(userId, null) eq 'u'", 'u')).toBe(true);
  });
});

describe('length(groups)', () => {
  it('counts the groups', () => {
    expect(matches('length(groups) eq 2', 'x')).toBe(true);
    expect(matches('length(groups) gt 1', 'x')).toBe(true);
    expect(matches('length((groups)) lt 2', 'x')).toBe(false);
    const none: FilterTarget = {
      connectionId: 'c',
      userId: null,
      groups: new Set(),
      protocol: null,
    };
    expect(compileFilter('length(groups) eq 0')(none)).toBe(true);
  });
});
