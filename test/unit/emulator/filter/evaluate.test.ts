// What filters select: every operator, function, null rule and precedence, on sample connections.
import { describe, expect, it } from 'vitest';

import type { FilterTarget } from '../../../../packages/emulator/src/filter/index';
import { compileFilter } from '../../../../packages/emulator/src/filter/index';

function conn(
  over: Partial<Omit<FilterTarget, 'groups'>> & { groups?: string[] } = {},
): FilterTarget {
  return {
    connectionId: over.connectionId ?? 'conn-1',
    userId: over.userId === undefined ? 'user-ab-de' : over.userId,
    groups: new Set(over.groups ?? ['group1', 'group2']),
    protocol: over.protocol === undefined ? 'json.webpubsub.azure.v1' : over.protocol,
  };
}

const anon = conn({ userId: null, groups: [], protocol: null });
const matches = (filter: string, target: FilterTarget = conn()) => compileFilter(filter)(target);

describe('literals and logic', () => {
  it.each([
    ['true', true],
    ['false', false],
    ['true and false', false],
    ['true and true', true],
    ['false or true', true],
    ['false or false', false],
    ['not true', false],
    ['not false', true],
    ['not not true', true],
    ['(true)', true],
    ['((false))', false],
    ['true and true and true and false', false],
    ['false or false or false or true', true],
    ['true and (false or true) and not false', true],
  ])('%s → %s', (filter, expected) => {
    expect(matches(filter)).toBe(expected);
  });

  it('an empty filter matches every connection (no filter)', () => {
    expect(compileFilter('')(anon)).toBe(true);
    expect(compileFilter('')(conn())).toBe(true);
  });

  it('accepts tabs and newlines as whitespace', () => {
    expect(matches("userId\teq\n'user-ab-de'\r\n")).toBe(true);
  });
});

describe('precedence', () => {
  it('and binds tighter than or', () => {
    expect(matches('true or true and false')).toBe(true);
    expect(matches('(true or true) and false')).toBe(false);
    expect(matches('false and true or true')).toBe(true);
  });

  it('comparisons bind tighter than and/or (the documented example)', () => {
    const plain =
      'length(userId) gt 0 and length(userId) lt 3 or length(userId) gt 7 and length(userId) lt 11';
    const explicit =
      '((length(userId) gt 0) and (length(userId) lt 3)) or ((length(userId) gt 7) and (length(userId) lt 11))';
    for (const userId of ['ab', 'abcde', 'user-ab-de', 'user-ab-de-fg', null]) {
      expect(matches(plain, conn({ userId }))).toBe(matches(explicit, conn({ userId })));
    }
    expect(matches(plain, conn({ userId: 'ab' }))).toBe(true);
    expect(matches(plain, conn({ userId: 'abcde' }))).toBe(false);
  });

  it('not binds tighter than comparisons: (not true) eq false', () => {
    expect(matches('not true eq false')).toBe(true);
  });

  it("in binds tighter than not: not 'g' in groups negates the membership", () => {
    expect(matches("not 'group1' in groups")).toBe(false);
    expect(matches("not 'nope' in groups")).toBe(true);
    expect(matches("not('group1' in groups)")).toBe(false);
  });

  it('comparisons chain left to right', () => {
    expect(matches("userId eq 'user-ab-de' eq true")).toBe(true);
    expect(matches("userId eq 'other' eq false")).toBe(true);
  });
});

describe('identifiers', () => {
  it('reads userId, connectionId and protocol', () => {
    expect(matches("userId eq 'user-ab-de'")).toBe(true);
    expect(matches("connectionId eq 'conn-1'")).toBe(true);
    expect(matches("connectionId ne '123'")).toBe(true);
    expect(matches("protocol eq 'json.webpubsub.azure.v1'")).toBe(true);
    expect(matches('protocol eq null', anon)).toBe(true);
    expect(matches('protocol eq null')).toBe(false);
  });

  it('are case-insensitive', () => {
    expect(matches("USERID eq 'user-ab-de'")).toBe(true);
    expect(matches("UserId eq 'user-ab-de'")).toBe(true);
    expect(matches("ConnectionID eq 'conn-1'")).toBe(true);
    expect(matches("'group1' in GROUPS")).toBe(true);
    expect(matches("Protocol ne 'x'")).toBe(true);
  });

  it('the service example: connection, group and protocol together', () => {
    const filter =
      "connectionId eq 'connection-1' and 'group2' in groups and protocol eq 'json.webpubsub.azure.v1'";
    expect(matches(filter, conn({ connectionId: 'connection-1' }))).toBe(true);
    expect(matches(filter, conn({ connectionId: 'connection-1', groups: ['group1'] }))).toBe(false);
  });
});

describe('eq and ne', () => {
  it('compare strings case-sensitively', () => {
    expect(matches("userId eq 'a'", conn({ userId: 'a' }))).toBe(true);
    expect(matches("userId eq 'a'", conn({ userId: 'A' }))).toBe(false);
    expect(matches("userId ne 'a'", conn({ userId: 'A' }))).toBe(true);
  });

  it('work with null', () => {
    expect(matches('userId eq null', anon)).toBe(true);
    expect(matches('userId eq null')).toBe(false);
    expect(matches('userId ne null')).toBe(true);
    expect(matches('userId ne null', anon)).toBe(false);
    expect(matches("userId eq 'x'", anon)).toBe(false);
    expect(matches("userId ne 'x'", anon)).toBe(true);
    expect(matches('null eq userId', anon)).toBe(true);
    expect(matches('null eq null')).toBe(true);
  });

  it('compare ints, bools and two expressions', () => {
    expect(matches('length(userId) eq 10')).toBe(true);
    expect(matches('length(userId) ne 10')).toBe(false);
    expect(matches("-1 eq indexof(userId, 'zz')")).toBe(true);
    expect(matches('true eq true')).toBe(true);
    expect(matches("contains(userId, 'ab') eq false")).toBe(false);
    expect(matches('userId eq connectionId', conn({ userId: 'x', connectionId: 'x' }))).toBe(true);
    expect(matches('userId eq connectionId')).toBe(false);
  });

  it('values of different types are never equal (accepted, like the service)', () => {
    expect(matches('userId eq 1', conn({ userId: '1' }))).toBe(false);
    expect(matches('userId ne 1', conn({ userId: '1' }))).toBe(true);
    expect(matches("1 eq '1'")).toBe(false);
  });
});

describe('ordering comparisons', () => {
  it.each([
    ['length(userId) gt 9', true],
    ['length(userId) gt 10', false],
    ['length(userId) ge 10', true],
    ['length(userId) ge 11', false],
    ['length(userId) lt 11', true],
    ['length(userId) lt 10', false],
    ['length(userId) le 10', true],
    ['length(userId) le 9', false],
    ['-5 lt 0', true],
    ['+5 gt 4', true],
  ])('%s → %s', (filter, expected) => {
    expect(matches(filter)).toBe(expected);
  });

  it('compare strings ordinally (case-sensitive, code-unit order)', () => {
    expect(matches("userId gt 'user'")).toBe(true);
    expect(matches("userId lt 'user'")).toBe(false);
    expect(matches("'B' lt 'a'")).toBe(true);
    expect(matches("'a' le 'a'")).toBe(true);
    expect(matches("'a' ge 'b'")).toBe(false);
  });

  it('a null operand gives false', () => {
    expect(matches('length(userId) gt 5', anon)).toBe(false);
    expect(matches('length(userId) le 5', anon)).toBe(false);
    expect(matches("userId lt 'z'", anon)).toBe(false);
    expect(matches('length(userId) gt null')).toBe(false);
    expect(matches('null le 1')).toBe(false);
    expect(matches('not (length(userId) gt 5)', anon)).toBe(true);
  });
});

describe('in', () => {
  it('tests membership in groups', () => {
    expect(matches("'group1' in groups")).toBe(true);
    expect(matches("'group3' in groups")).toBe(false);
    expect(matches("'Group1' in groups")).toBe(false);
    expect(matches("'group1' in groups", anon)).toBe(false);
    expect(matches("'group1' in (groups)")).toBe(true);
    expect(matches('userId in groups', conn({ userId: 'g', groups: ['g'] }))).toBe(true);
    expect(matches('userId in groups', conn({ userId: null, groups: ['g'] }))).toBe(false);
  });

  it('tests a value against a list', () => {
    expect(matches("userId in ('user1', 'user2')", conn({ userId: 'user2' }))).toBe(true);
    expect(matches("userId in ('user1', 'user2')", conn({ userId: 'user3' }))).toBe(false);
    expect(matches("userId in ('user1')", conn({ userId: 'user1' }))).toBe(true);
    expect(matches("userId in ('user1', 'user2')", anon)).toBe(false);
    expect(matches("userId in ('user1', null)", anon)).toBe(true);
    expect(matches('length(userId) in (1, 10)')).toBe(true);
  });

  it('keeps commas and quotes inside list strings', () => {
    expect(matches("userId in ('Doe, John', 'Alice')", conn({ userId: 'Doe, John' }))).toBe(true);
    expect(matches("userId in ('O''Brien, Jane')", conn({ userId: "O'Brien, Jane" }))).toBe(true);
  });

  it('accepts expressions as list items', () => {
    const t = conn({ userId: 'conn-1', connectionId: 'conn-1' });
    expect(matches("userId in ('x', connectionId)", t)).toBe(true);
    expect(matches("'USER-AB-DE' in ('x', toupper(userId))")).toBe(true);
    expect(matches("'nope' in ('x', toupper(userId))")).toBe(false);
  });

  it('the documented examples', () => {
    const groupsFilter = "'group1' in groups or 'group2' in groups or 'group3' in groups";
    expect(matches(groupsFilter, conn({ groups: ['group3'] }))).toBe(true);
    expect(matches(groupsFilter, conn({ groups: ['group4'] }))).toBe(false);
    const users = "userId in ('user1', 'user2', 'user3') and 'group1' in groups";
    expect(matches(users, conn({ userId: 'user3', groups: ['group1'] }))).toBe(true);
    expect(matches(users, conn({ userId: 'user3', groups: [] }))).toBe(false);
    const notGroup = "userId eq 'user1' and (not ('group1' in groups))";
    expect(matches(notGroup, conn({ userId: 'user1', groups: ['group2'] }))).toBe(true);
    expect(matches(notGroup, conn({ userId: 'user1', groups: ['group1'] }))).toBe(false);
  });
});

describe('string escaping', () => {
  it("'' inside a literal is one quote", () => {
    expect(matches("userId eq 'user''1'", conn({ userId: "user'1" }))).toBe(true);
    expect(matches("userId eq 'user''1'", conn({ userId: 'user1' }))).toBe(false);
    expect(matches("userId eq ''''", conn({ userId: "'" }))).toBe(true);
    expect(matches("userId eq ''", conn({ userId: '' }))).toBe(true);
  });

  it('keywords inside strings are just text', () => {
    expect(matches("userId eq 'a and b or not c'", conn({ userId: 'a and b or not c' }))).toBe(
      true,
    );
  });
});

describe('over many connections', () => {
  it('selects exactly the matching ones', () => {
    const targets = Array.from({ length: 5000 }, (_, i) =>
      conn({
        connectionId: `c${i}`,
        userId: i % 3 === 0 ? null : `user${i % 10}`,
        groups: i % 2 === 0 ? ['even'] : ['odd'],
      }),
    );
    const predicate = compileFilter("userId in ('user1', 'user2') and 'odd' in groups");
    const selected = targets.filter(predicate).map((t) => t.connectionId);
    const expected = targets
      .filter((t) => (t.userId === 'user1' || t.userId === 'user2') && t.groups.has('odd'))
      .map((t) => t.connectionId);
    expect(expected.length).toBeGreaterThan(0);
    expect(selected).toEqual(expected);
  });
});
