// Who may connect, and with what.
import { describe, expect, it } from 'vitest';

import { decideConnect, parseUserList } from '../../../chat/policy';
import { principalFrom } from '../../../chat/principal';

const config = { allowGuests: true, bannedUsers: new Set(['mallory']) };
const ada = { userId: 'ada', name: 'Ada', roles: [] };

describe('decideConnect', () => {
  it('gives a known user their personal group and name, and no direct group rights', () => {
    expect(decideConnect('ada', ada, config)).toEqual({
      ok: true,
      grant: {
        userId: 'ada',
        groups: ['user.ada'],
        roles: [],
        states: { name: 'Ada', admin: false },
      },
    });
  });

  it('gives admins group rights and the admin flag', () => {
    const d = decideConnect('root', { userId: 'root', name: 'Root', roles: ['admin'] }, config);
    expect(d.ok && d.grant.roles).toEqual(['webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup']);
    expect(d.ok && d.grant.states.admin).toBe(true);
  });

  it.each([
    ['no user id', null, undefined, config, 'Unauthenticated'],
    ['a banned user', 'mallory', { ...ada, userId: 'mallory' }, config, 'Banned'],
    ['an unknown user', 'ghost', undefined, config, 'Unauthenticated'],
    [
      'a guest when guests are off',
      'guest-1234',
      undefined,
      { ...config, allowGuests: false },
      'GuestsDisabled',
    ],
  ])('refuses %s', (_name, userId, profile, cfg, code) => {
    const d = decideConnect(userId, profile, cfg);
    expect(d.ok ? 'ok' : d.error.code).toBe(code);
  });

  it('lets a guest in when guests are on, with a guest name', () => {
    const d = decideConnect('guest-abcdef', undefined, config);
    expect(d.ok && d.grant.states.name).toBe('Guest abcd');
  });

  it('parses comma-separated user lists', () => {
    expect([...parseUserList(' a, b ,,c ')]).toEqual(['a', 'b', 'c']);
    expect(parseUserList(undefined).size).toBe(0);
  });
});

describe('principalFrom', () => {
  const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64');
  it('reads App Service Authentication headers and role claims', () => {
    const headers: Record<string, string> = {
      'x-ms-client-principal-id': 'id-1',
      'x-ms-client-principal-name': 'ada@example.com',
      'x-ms-client-principal-idp': 'aad',
      'x-ms-client-principal': encode({
        auth_typ: 'aad',
        role_typ: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role',
        claims: [
          { typ: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role', val: 'admin' },
          { typ: 'name', val: 'Ada' },
        ],
      }),
    };
    expect(principalFrom((n) => headers[n])).toEqual({
      userId: 'id-1',
      name: 'ada@example.com',
      identityProvider: 'aad',
      roles: ['admin'],
    });
  });

  it('reads Static Web Apps style userRoles and drops the implicit roles', () => {
    const headers: Record<string, string> = {
      'x-ms-client-principal-id': 'id-2',
      'x-ms-client-principal': encode({ userRoles: ['anonymous', 'authenticated', 'editor'] }),
    };
    expect(principalFrom((n) => headers[n])?.roles).toEqual(['editor']);
  });

  it('is undefined without a principal id, and ignores a malformed principal', () => {
    expect(principalFrom(() => undefined)).toBeUndefined();
    const p = principalFrom(
      (n) => ({ 'x-ms-client-principal-id': 'x', 'x-ms-client-principal': '%%%' })[n],
    );
    expect(p).toEqual({ userId: 'x', name: 'x', identityProvider: 'unknown', roles: [] });
  });
});
