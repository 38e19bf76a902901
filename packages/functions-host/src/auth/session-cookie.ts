// The sign-in session: an HttpOnly cookie named as App Service names its own, holding the user as
// base64url JSON. Locally anyone may sign in as anyone, so it is not signed; it is validated on
// every request like the form, and a cookie that does not parse is no session at all.
import type { IncomingMessage } from 'node:http';

import type { LocalUser } from './local-user';
import { localUser } from './local-user';

export const SESSION_COOKIE = 'AppServiceAuthSession';
const MAX_AGE_SECONDS = 8 * 60 * 60;

export function sessionOf(req: IncomingMessage): LocalUser | undefined {
  const value = cookieValue(req.headers.cookie, SESSION_COOKIE);
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(
      Buffer.from(value, 'base64url').toString('utf8'),
    ) as Partial<LocalUser>;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const result = localUser({
      provider: String(parsed.provider ?? ''),
      userId: typeof parsed.userId === 'string' ? parsed.userId : '',
      name: typeof parsed.name === 'string' ? parsed.name : '',
      roles: Array.isArray(parsed.roles) ? parsed.roles.map(String) : [],
    });
    return 'user' in result && result.user.userId === parsed.userId ? result.user : undefined;
  } catch {
    return undefined;
  }
}

export function sessionCookie(user: LocalUser): string {
  const value = Buffer.from(JSON.stringify(user), 'utf8').toString('base64url');
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${MAX_AGE_SECONDS}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
