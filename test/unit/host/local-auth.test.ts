// The local sign-in's principal, read back by the app's own `principalFrom`: what the form says is
// what the app sees, for Entra ID (`aad`) and for other providers.
import { describe, expect, it } from 'vitest';

import { principalFrom } from '../../../chat/principal';
import { principalHeaders } from '../../../packages/functions-host/src/auth/client-principal';
import type { LocalUser } from '../../../packages/functions-host/src/auth/local-user';
import { localUser, stableUserId } from '../../../packages/functions-host/src/auth/local-user';
import { safeRedirect } from '../../../packages/functions-host/src/auth/redirect';

const read = (user: LocalUser) => {
  const headers = principalHeaders(user);
  return principalFrom((name) => headers[name]);
};

describe('principal headers of the local sign-in', () => {
  it('carry id, name, provider and roles as the app reads them (aad)', () => {
    const user = { provider: 'aad', userId: 'u-1', name: 'Ada Lovelace', roles: ['admin', 'ops'] };
    expect(read(user)).toEqual({
      userId: 'u-1',
      name: 'Ada Lovelace',
      identityProvider: 'aad',
      roles: ['admin', 'ops'],
    });
  });

  it('carry roles under the role claim type for other providers', () => {
    const user = { provider: 'github', userId: 'gh', name: 'octo', roles: ['admin'] };
    expect(read(user)?.roles).toEqual(['admin']);
  });

  it('encode x-ms-client-principal as base64 JSON with auth_typ, name_typ, role_typ, claims', () => {
    const headers = principalHeaders({ provider: 'aad', userId: 'u', name: 'n', roles: [] });
    const decoded = JSON.parse(
      Buffer.from(headers['x-ms-client-principal'] ?? '', 'base64').toString(),
    );
    expect(Object.keys(decoded).sort()).toEqual(['auth_typ', 'claims', 'name_typ', 'role_typ']);
    expect(decoded.claims).toContainEqual({ typ: 'name', val: 'n' });
  });
});

describe('form rules', () => {
  it('derives a stable id from provider and name, case-insensitively', () => {
    expect(stableUserId('aad', 'Ada')).toBe(stableUserId('aad', 'ada'));
    expect(stableUserId('aad', 'Ada')).not.toBe(stableUserId('github', 'Ada'));
    expect(localUser({ provider: 'aad', name: ' Ada ' })).toEqual({
      user: { provider: 'aad', userId: stableUserId('aad', 'Ada'), name: 'Ada', roles: [] },
    });
  });

  it('drops the implicit roles, duplicates and blanks; refuses bad values', () => {
    const ok = localUser({ provider: 'aad', name: 'a', roles: ['authenticated', 'b', 'b', ' '] });
    expect(ok).toMatchObject({ user: { roles: ['b'] } });
    expect(localUser({ provider: 'aad', name: '' })).toHaveProperty('problem');
    expect(localUser({ provider: 'aad', name: 'a\u0007' })).toHaveProperty('problem');
    expect(localUser({ provider: 'aad', name: 'a', userId: 'a b' })).toHaveProperty('problem');
    expect(localUser({ provider: 'AAD!', name: 'a' })).toHaveProperty('problem');
    expect(localUser({ provider: 'aad', name: 'a', roles: ['x y'] })).toHaveProperty('problem');
  });

  it('redirects only to local paths', () => {
    expect(safeRedirect('/rooms?x=1')).toBe('/rooms?x=1');
    for (const bad of [null, '', 'https://x.example', '//x.example', '/\\x.example', '/a\nb']) {
      expect(safeRedirect(bad)).toBe('/');
    }
  });
});
