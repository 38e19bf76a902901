// Token verification, including its cache of verified signatures: a cached token is still held
// to its lifetime, its key and its audience on every use.
import jwt from 'jsonwebtoken';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { verifyToken } from '../../../../packages/emulator/src/auth/tokens';

const KEY = 'unit-test-access-key-0123456789-0123456789';
const ORIGIN = { hosts: new Set(['localhost']), port: 8080 };
const PATH = '/client/hubs/chat';
const AUD = `http://localhost:8080${PATH}`;
const sign = (claims: object, key = KEY) => jwt.sign(claims, key, { algorithm: 'HS256' });
const verify = (token: string, key = KEY, path = PATH) =>
  verifyToken(token, key, path, ORIGIN, undefined);

describe('verifyToken', () => {
  afterEach(() => vi.useRealTimers());

  it('accepts a valid token, again and again', () => {
    const token = sign({ aud: AUD, sub: 'u', exp: Math.floor(Date.now() / 1000) + 60 });
    expect(verify(token).sub).toBe('u');
    expect(verify(token).sub).toBe('u');
  });

  it('refuses a cached token once it has expired (beyond the 5 minute skew)', () => {
    vi.useFakeTimers();
    const token = sign({ aud: AUD, exp: Math.floor(Date.now() / 1000) + 10 });
    expect(() => verify(token)).not.toThrow();
    vi.setSystemTime(Date.now() + 200_000);
    expect(() => verify(token)).not.toThrow();
    vi.setSystemTime(Date.now() + 200_000);
    expect(() => verify(token)).toThrow(/expired/);
  });

  it('refuses a cached token under another key or for another path', () => {
    const token = sign({ aud: AUD, exp: Math.floor(Date.now() / 1000) + 60 });
    expect(() => verify(token)).not.toThrow();
    expect(() => verify(token, 'another-access-key-0123456789-0123456789')).toThrow(/signature/);
    expect(() => verify(token, KEY, '/client/hubs/other')).toThrow(/audience/);
  });

  it('refuses tokens without exp, with another algorithm, or not yet valid', () => {
    const now = Math.floor(Date.now() / 1000);
    expect(() => verify(sign({ aud: AUD }))).toThrow(/exp/);
    expect(() =>
      verify(jwt.sign({ aud: AUD, exp: now + 60 }, KEY, { algorithm: 'HS384' })),
    ).toThrow(/algorithm/);
    expect(() => verify(sign({ aud: AUD, exp: now + 3600, nbf: now + 1200 }))).toThrow(
      /not valid yet/,
    );
  });
});
