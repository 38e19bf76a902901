// Unit tests of the permission model's wildcard group patterns: matching, validation and limits.
import { describe, expect, it } from 'vitest';

import { PERMISSION_LIMITS } from '../../../../packages/emulator/src/state/permissions';
import { expectBadRequest, from, joinPattern, range } from './permission-helpers';

describe('wildcard patterns', () => {
  it.each([
    ['chat-*', ['chat-1', 'chat-room', 'chat-'], ['chat.1', 'xchat-1', 'chat']],
    ['clientA.*', ['clientA.alpha', 'clientA.1', 'clientA.'], ['clientA.alpha.room1', 'clientB.a']],
    ['clientA.**', ['clientA.alpha', 'clientA.alpha.room1'], ['clientB.anything', 'clientA']],
    ['clientA.rooms.?1', ['clientA.rooms.a1', 'clientA.rooms.11'], ['clientA.rooms.1', 'x.a.1']],
    ['*', ['abc', 'a-b_c'], ['a.b', '.']],
    ['*.*', ['a.b', '.'], ['ab', 'a.b.c']],
    ['**.end', ['x.y.end', '.end'], ['end', 'x.end.y']],
    ['a**z', ['az', 'a.b.z', 'abz'], ['a.b.y', 'za']],
    ['??', ['ab', '12'], ['a', 'abc', 'a.']],
    ['a+b.(c)[d]$*', ['a+b.(c)[d]$', 'a+b.(c)[d]$x'], ['aab.(c)[d]$', 'a+bx(c)[d]$']],
    ['a\\**', ['a*', 'a*x'], ['ax', 'a']],
    ['\\??', ['?x'], ['xx', '?']],
    ['café.?', ['café.é', 'café.1'], ['cafe.1', 'café.']],
  ])('%s', (pattern, matching, notMatching) => {
    const p = joinPattern(pattern);
    for (const g of matching) expect(p.canJoinLeave(g), g).toBe(true);
    for (const g of notMatching) expect(p.canJoinLeave(g), g).toBe(false);
  });

  it('is case-sensitive', () => {
    const p = joinPattern('Chat-*');
    expect(p.canJoinLeave('Chat-1')).toBe(true);
    expect(p.canJoinLeave('chat-1')).toBe(false);
    expect(p.canJoinLeave('CHAT-1')).toBe(false);
  });

  it('treats ** and *** alone as all groups', () => {
    for (const pattern of ['**', '***']) {
      const p = joinPattern(pattern);
      expect(p.canJoinLeave('a.b.c')).toBe(true);
      expect(p.canJoinLeave('x')).toBe(true);
      expect(p.canSendTo('x')).toBe(false);
    }
  });

  it('treats a pattern made only of literals and escapes as one exact group', () => {
    const p = from(
      'webpubsub.joinLeaveGroups.literal\\*star',
      'webpubsub.joinLeaveGroups.a\\?b',
      'webpubsub.joinLeaveGroups.c\\\\d',
      'webpubsub.joinLeaveGroups.plain.name',
    );
    for (const g of ['literal*star', 'a?b', 'c\\d', 'plain.name']) {
      expect(p.canJoinLeave(g), g).toBe(true);
    }
    for (const g of ['literalXstar', 'axb', 'c\\\\d', 'plain.nameX']) {
      expect(p.canJoinLeave(g), g).toBe(false);
    }
  });

  it('keeps the two permissions apart', () => {
    const p = from('webpubsub.sendToGroups.a.*');
    expect(p.canSendTo('a.b')).toBe(true);
    expect(p.canJoinLeave('a.b')).toBe(false);
  });

  it('matches hostile group names in linear time', () => {
    const p = joinPattern('*a*a**a*b');
    const started = performance.now();
    expect(p.canJoinLeave('a'.repeat(1024))).toBe(false);
    expect(p.canJoinLeave(`${'a'.repeat(1023)}b`)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('pattern validation and limits', () => {
  it.each([
    ['', 'empty'],
    ['a\\', 'lone backslash'],
    ['a\\b', 'escape'],
    ['a\\.', 'escape'],
    ['*.*.*.*.*.*', "'*'"],
    ['***.***', "'*'"],
    [`${'a'.repeat(1024)}*`, 'longer'],
  ])('rejects %j with a 400 naming the role', (pattern, reason) => {
    const e = expectBadRequest(() => joinPattern(pattern));
    expect(e.message).toContain(`webpubsub.joinLeaveGroups.${pattern}`);
    expect(e.message).toContain(reason);
  });

  it('rejects invalid patterns of the send permission too', () => {
    expectBadRequest(() => from('webpubsub.sendToGroups.'));
  });

  it('accepts five stars, escaped stars beyond five, and a 1024-character pattern', () => {
    expect(joinPattern('**.**.*').canJoinLeave('a.b.c')).toBe(true);
    expect(joinPattern('\\*\\*\\*\\*\\*\\*\\*').canJoinLeave('*******')).toBe(true);
    expect(joinPattern(`${'a'.repeat(1023)}*`).canJoinLeave('a'.repeat(1024))).toBe(true);
    expect(PERMISSION_LIMITS.maxStars).toBe(5);
  });

  it(`allows ${PERMISSION_LIMITS.maxPatterns} patterns per permission, not one more`, () => {
    const join = range(10, (i) => `webpubsub.joinLeaveGroups.j${i}.*`);
    const send = range(10, (i) => `webpubsub.sendToGroups.s${i}.*`);
    const p = from(...join, ...send);
    expect(p.canJoinLeave('j9.x')).toBe(true);
    expect(p.canSendTo('s9.x')).toBe(true);
    const e = expectBadRequest(() => from(...join, 'webpubsub.joinLeaveGroups.extra.*'));
    expect(e.message).toContain('10');
  });

  it('counts neither all-groups patterns (**) nor repeated or literal-only patterns', () => {
    const same = range(20, () => 'webpubsub.joinLeaveGroups.a.*');
    const literal = range(20, (i) => `webpubsub.joinLeaveGroups.lit${i}`);
    const all = ['webpubsub.joinLeaveGroups.**', 'webpubsub.joinLeaveGroups.***'];
    const nine = range(9, (i) => `webpubsub.joinLeaveGroups.b${i}.*`);
    const p = from(...same, ...literal, ...all, ...nine);
    expect(p.canJoinLeave('a.x')).toBe(true);
    expect(p.canJoinLeave('any.thing')).toBe(true);
    expect(p.canJoinLeave('lit19')).toBe(true);
  });

  it(`allows ${PERMISSION_LIMITS.maxLiterals} literal group roles per permission, not one more`, () => {
    const join = range(1000, (i) => `webpubsub.joinLeaveGroup.g${i}`);
    const send = range(1000, (i) => `webpubsub.sendToGroup.g${i}`);
    const p = from(...join, ...send);
    expect(p.canJoinLeave('g999')).toBe(true);
    expect(p.canSendTo('g0')).toBe(true);
    expectBadRequest(() => from(...join, 'webpubsub.joinLeaveGroup.one-more'));
  });

  it('does not count literal roles a pattern or the all-groups role already covers', () => {
    const literals = range(1500, (i) => `webpubsub.joinLeaveGroup.g.${i}`);
    expect(from(...literals, 'webpubsub.joinLeaveGroups.g.*').canJoinLeave('g.1499')).toBe(true);
    expect(from(...literals, 'webpubsub.joinLeaveGroup').canJoinLeave('g.1499')).toBe(true);
    expectBadRequest(() => from(...literals));
  });
});
