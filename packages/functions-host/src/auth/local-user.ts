// The signed-in user of the local sign-in, as the form describes them, and the rules for each field.
import { createHash } from 'node:crypto';

export interface LocalUser {
  /** The provider in `/.auth/login/<provider>` (`aad`, `github`, …): App Service's `idp`. */
  provider: string;
  userId: string;
  name: string;
  roles: string[];
}

export const PROVIDER = /^[a-z][a-z0-9]{0,31}$/;
const USER_ID = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;
const ROLE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_NAME = 128;
const MAX_ROLES = 16;
// App Service adds these to every principal; they are not roles anyone grants.
const IMPLICIT_ROLES = new Set(['anonymous', 'authenticated']);

export interface LocalUserInput {
  provider: string;
  name?: string | undefined;
  userId?: string | undefined;
  roles?: string[] | undefined;
}

/** A valid user, or the message that says which field is wrong. */
export function localUser(input: LocalUserInput): { user: LocalUser } | { problem: string } {
  const name = (input.name ?? '').trim();
  if (!PROVIDER.test(input.provider)) return { problem: 'Unknown identity provider.' };
  if (!name || name.length > MAX_NAME || /\p{Cc}/u.test(name)) {
    return { problem: `User name: 1–${MAX_NAME} characters, no control characters.` };
  }
  const userId = (input.userId ?? '').trim() || stableUserId(input.provider, name);
  if (!USER_ID.test(userId)) {
    return {
      problem: 'User id: 1–128 letters, digits, ., _, @ or -, starting with a letter or digit.',
    };
  }
  const roles = [...new Set((input.roles ?? []).map((r) => r.trim()).filter(Boolean))];
  if (roles.length > MAX_ROLES || !roles.every((r) => ROLE.test(r))) {
    return { problem: `Roles: at most ${MAX_ROLES}, each 1–64 letters, digits, ., _ or -.` };
  }
  return {
    user: {
      provider: input.provider,
      userId,
      name,
      roles: roles.filter((r) => !IMPLICIT_ROLES.has(r)).sort(),
    },
  };
}

/**
 * The same name signs in as the same user every time (App Service gives a provider's stable id, not
 * a new one per sign-in), so history and direct messages survive signing out and in again.
 */
export function stableUserId(provider: string, name: string): string {
  return createHash('sha256')
    .update(`${provider}\n${name.toLowerCase()}`)
    .digest('hex')
    .slice(0, 32);
}
