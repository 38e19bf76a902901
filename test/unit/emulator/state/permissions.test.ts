// Unit tests of the connection permission model: role forms, REST overrides, the roles it reports.
import { describe, expect, it } from 'vitest';

import { PERMISSION_LIMITS } from '../../../../packages/emulator/src/state/permissions';
import type { Permission } from '../../../../packages/wire/src';
import { expectBadRequest, from } from './permission-helpers';

describe('no roles', () => {
  it('can neither join, leave nor send to any group', () => {
    const p = from();
    for (const g of ['a', 'a.b', '*', '**']) {
      expect(p.canJoinLeave(g)).toBe(false);
      expect(p.canSendTo(g)).toBe(false);
      expect(p.check('joinLeaveGroup', g)).toBe(false);
      expect(p.check('sendToGroup', g)).toBe(false);
    }
    expect(p.roles()).toEqual([]);
  });

  it('gives each connection its own state, so a grant on one leaks to no other', () => {
    const a = from();
    const b = from();
    a.grant('joinLeaveGroup', 'g');
    expect(a.canJoinLeave('g')).toBe(true);
    expect(b.canJoinLeave('g')).toBe(false);
    expect(from().canJoinLeave('g')).toBe(false);
  });
});

describe('role forms', () => {
  it('webpubsub.joinLeaveGroup allows join/leave of any group but not sending', () => {
    const p = from('webpubsub.joinLeaveGroup');
    expect(p.canJoinLeave('anything')).toBe(true);
    expect(p.canJoinLeave('a.b.c')).toBe(true);
    expect(p.canSendTo('anything')).toBe(false);
  });

  it('webpubsub.sendToGroup allows sending to any group but does not imply join/leave', () => {
    const p = from('webpubsub.sendToGroup');
    expect(p.canSendTo('anything')).toBe(true);
    expect(p.canJoinLeave('anything')).toBe(false);
  });

  it('webpubsub.joinLeaveGroup.<group> allows exactly that group, dots included', () => {
    const p = from('webpubsub.joinLeaveGroup.a.b');
    expect(p.canJoinLeave('a.b')).toBe(true);
    expect(p.canJoinLeave('a')).toBe(false);
    expect(p.canJoinLeave('a.b.c')).toBe(false);
    expect(p.canJoinLeave('A.B')).toBe(false);
    expect(p.canSendTo('a.b')).toBe(false);
  });

  it('webpubsub.sendToGroup.<group> allows sending to exactly that group', () => {
    const p = from('webpubsub.sendToGroup.room-1', 'webpubsub.sendToGroup.x*');
    expect(p.canSendTo('room-1')).toBe(true);
    expect(p.canSendTo('x*')).toBe(true); // `*` is literal in the singular form
    expect(p.canSendTo('xy')).toBe(false);
    expect(p.canSendTo('Room-1')).toBe(false);
    expect(p.canJoinLeave('room-1')).toBe(false);
  });

  it('combines several roles as a union', () => {
    const p = from('webpubsub.joinLeaveGroup.a', 'webpubsub.joinLeaveGroups.b.*');
    expect(p.canJoinLeave('a')).toBe(true);
    expect(p.canJoinLeave('b.x')).toBe(true);
    expect(p.canJoinLeave('c')).toBe(false);
  });

  it('ignores unknown and malformed roles without throwing, and keeps them', () => {
    const odd = [
      'admin',
      'webpubsub.foo',
      'WebPubSub.joinLeaveGroup',
      'webpubsub.JoinLeaveGroup',
      'webpubsub.joinLeaveGroupX',
      'webpubsub.joinLeaveGroups',
      'webpubsub.sendToGroups',
      'webpubsub.joinLeaveGroup.',
      'webpubsub.sendToGroup.   ',
      `webpubsub.sendToGroup.${'g'.repeat(1025)}`,
    ];
    const p = from(...odd);
    for (const g of ['admin', 'foo', 'X', 's', '', '   ', 'g'.repeat(1025), 'anything']) {
      expect(p.canJoinLeave(g)).toBe(false);
      expect(p.canSendTo(g)).toBe(false);
    }
    expect(p.roles()).toEqual(odd);
  });
});

describe('grant / revoke / check', () => {
  const permissions: Permission[] = ['joinLeaveGroup', 'sendToGroup'];

  it.each([undefined, '', '   ', 'g'.repeat(1025)])(
    'requires a valid targetName (%j) for grant, revoke and check',
    (target) => {
      const p = from('webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup');
      for (const permission of permissions) {
        expectBadRequest(() => p.grant(permission, target));
        expectBadRequest(() => p.revoke(permission, target));
        const e = expectBadRequest(() => p.check(permission, target));
        expect(e.target).toBe('targetName');
      }
      // A rejected revoke changed nothing.
      expect(p.canJoinLeave('x')).toBe(true);
      expect(p.canSendTo('x')).toBe(true);
    },
  );

  it('rejects an unknown permission', () => {
    const p = from();
    const bad = 'sendToAll' as Permission;
    expect(expectBadRequest(() => p.grant(bad, 'g')).target).toBe('permission');
    expectBadRequest(() => p.check(bad, 'g'));
    expectBadRequest(() => p.revoke(bad, 'g'));
  });

  it('grant allows exactly one group of one permission, case-sensitively', () => {
    const p = from();
    p.grant('joinLeaveGroup', 'Room');
    expect(p.canJoinLeave('Room')).toBe(true);
    expect(p.check('joinLeaveGroup', 'Room')).toBe(true);
    expect(p.canJoinLeave('room')).toBe(false);
    expect(p.canJoinLeave('Room.x')).toBe(false);
    expect(p.canSendTo('Room')).toBe(false);
    expect(p.check('sendToGroup', 'Room')).toBe(false);
    p.grant('sendToGroup', 'Room');
    expect(p.canSendTo('Room')).toBe(true);
  });

  it('treats a target literally: * in targetName is no wildcard', () => {
    const p = from();
    p.grant('sendToGroup', 'a.*');
    expect(p.canSendTo('a.*')).toBe(true);
    expect(p.canSendTo('a.b')).toBe(false);
  });

  it('revoke undoes a grant and is a no-op where nothing was allowed', () => {
    const p = from();
    p.revoke('joinLeaveGroup', 'g');
    expect(p.check('joinLeaveGroup', 'g')).toBe(false);
    p.grant('joinLeaveGroup', 'g');
    p.revoke('joinLeaveGroup', 'g');
    expect(p.canJoinLeave('g')).toBe(false);
    p.grant('joinLeaveGroup', 'g');
    expect(p.canJoinLeave('g')).toBe(true);
  });

  it('revoke denies a group a literal token role allowed, and only that group', () => {
    const p = from('webpubsub.sendToGroup.a', 'webpubsub.sendToGroup.b');
    p.revoke('sendToGroup', 'a');
    expect(p.canSendTo('a')).toBe(false);
    expect(p.check('sendToGroup', 'a')).toBe(false);
    expect(p.canSendTo('b')).toBe(true);
    p.grant('sendToGroup', 'a');
    expect(p.canSendTo('a')).toBe(true);
  });

  it('revoke carves one group out of the all-groups role; grant restores it', () => {
    const p = from('webpubsub.joinLeaveGroup');
    p.revoke('joinLeaveGroup', 'secret');
    expect(p.canJoinLeave('secret')).toBe(false);
    expect(p.check('joinLeaveGroup', 'secret')).toBe(false);
    expect(p.canJoinLeave('public')).toBe(true);
    expect(p.check('joinLeaveGroup', 'public')).toBe(true);
    p.grant('joinLeaveGroup', 'secret');
    expect(p.canJoinLeave('secret')).toBe(true);
  });

  it('revoke carves one group out of a pattern role', () => {
    const p = from('webpubsub.sendToGroups.team.*');
    p.revoke('sendToGroup', 'team.b');
    expect(p.canSendTo('team.b')).toBe(false);
    expect(p.canSendTo('team.a')).toBe(true);
  });

  it('revoking one permission leaves the other alone', () => {
    const p = from('webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup');
    p.revoke('sendToGroup', 'g');
    expect(p.canSendTo('g')).toBe(false);
    expect(p.canJoinLeave('g')).toBe(true);
  });

  it('check reflects token roles without any grant', () => {
    const p = from('webpubsub.sendToGroup.g', 'webpubsub.joinLeaveGroups.h.**');
    expect(p.check('sendToGroup', 'g')).toBe(true);
    expect(p.check('joinLeaveGroup', 'g')).toBe(false);
    expect(p.check('joinLeaveGroup', 'h.x.y')).toBe(true);
    expect(p.check('sendToGroup', 'h.x.y')).toBe(false);
  });

  it(`limits overrides to ${PERMISSION_LIMITS.maxLiterals} groups per permission`, () => {
    const p = from();
    for (let i = 0; i < 1000; i++) p.grant('joinLeaveGroup', `g${i}`);
    p.grant('joinLeaveGroup', 'g0'); // already granted: no new entry
    p.grant('sendToGroup', 'other'); // the other permission has its own budget
    expect(expectBadRequest(() => p.grant('joinLeaveGroup', 'g1000')).message).toContain('1000');
    expect(p.canJoinLeave('g1000')).toBe(false);
    p.revoke('joinLeaveGroup', 'g0'); // frees a slot
    p.grant('joinLeaveGroup', 'g1000');
    expect(p.canJoinLeave('g1000')).toBe(true);
  });

  it('counts revokes under a role towards the limit but not grants the roles already give', () => {
    const p = from('webpubsub.joinLeaveGroup');
    for (let i = 0; i < 1500; i++) p.grant('joinLeaveGroup', `g${i}`);
    for (let i = 0; i < 1000; i++) p.revoke('joinLeaveGroup', `g${i}`);
    expectBadRequest(() => p.revoke('joinLeaveGroup', 'g1000'));
    expect(p.canJoinLeave('g999')).toBe(false);
    expect(p.canJoinLeave('g1000')).toBe(true);
  });
});

describe('roles()', () => {
  it('lists the token roles once each, unknown ones included', () => {
    const p = from('x', 'webpubsub.joinLeaveGroup', 'x', 'webpubsub.sendToGroups.a.*');
    expect(p.roles()).toEqual(['x', 'webpubsub.joinLeaveGroup', 'webpubsub.sendToGroups.a.*']);
  });

  it('adds granted groups and drops revoked literal roles', () => {
    const p = from('webpubsub.sendToGroup.a', 'webpubsub.joinLeaveGroup');
    p.grant('sendToGroup', 'b');
    p.grant('joinLeaveGroup', 'c'); // already allowed by the all-groups role
    p.revoke('sendToGroup', 'a');
    p.revoke('joinLeaveGroup', 'd'); // no role form: the all-groups role stays listed
    expect(p.roles().sort()).toEqual(['webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup.b']);
  });

  it('returns a copy', () => {
    const p = from('webpubsub.sendToGroup.a');
    p.roles().push('webpubsub.sendToGroup');
    expect(p.roles()).toEqual(['webpubsub.sendToGroup.a']);
    expect(p.canSendTo('b')).toBe(false);
  });
});
