// Who may connect and with what: a user id is required (a guest has a generated one), banned users
// are refused, everyone gets a personal group, admins may also broadcast to everyone.
import type { ChatError } from './errors';
import { chatError } from './errors';
import { userGroup } from './rooms';

const ADMIN_ROLE = 'admin';
const GUEST_PREFIX = 'guest-';

export interface Profile {
  userId: string;
  name: string;
  roles: string[];
}

export interface PolicyConfig {
  allowGuests: boolean;
  bannedUsers: ReadonlySet<string>;
}

/** What every later event of the connection carries in `connectionContext.states`. */
export interface ConnectionState {
  name: string;
  admin: boolean;
}

export interface ConnectGrant {
  userId: string;
  groups: string[];
  roles: string[];
  states: ConnectionState;
}

export function decideConnect(
  userId: string | null | undefined,
  profile: Profile | undefined,
  config: PolicyConfig,
): { ok: true; grant: ConnectGrant } | { ok: false; error: ChatError } {
  if (!userId)
    return {
      ok: false,
      error: chatError('Unauthenticated', 'Sign in first: the token has no user id.'),
    };
  if (config.bannedUsers.has(userId))
    return { ok: false, error: chatError('Banned', 'This user is banned.') };
  const guest = userId.startsWith(GUEST_PREFIX);
  if (guest && !config.allowGuests) {
    return { ok: false, error: chatError('GuestsDisabled', 'Guests are not allowed; sign in.') };
  }
  if (!guest && !profile) {
    return { ok: false, error: chatError('Unauthenticated', 'Unknown user: negotiate again.') };
  }
  const admin = profile?.roles.includes(ADMIN_ROLE) ?? false;
  return {
    ok: true,
    grant: {
      userId,
      groups: [userGroup(userId)],
      // Clients never touch groups directly: joins and sends go through the server's events, where
      // names, history and presence are handled. Admins may also use groups from the client.
      roles: admin ? ['webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup'] : [],
      states: { name: profile?.name ?? guestName(userId), admin },
    },
  };
}

/** A user's display name: their profile's, a guest's generated one, or else their id. */
export async function nameOf(
  profiles: { get(userId: string): Promise<Profile | undefined> },
  userId: string,
): Promise<string> {
  if (userId.startsWith(GUEST_PREFIX)) return guestName(userId);
  return (await profiles.get(userId))?.name ?? userId;
}

export function guestName(userId: string): string {
  return `Guest ${userId.slice(GUEST_PREFIX.length, GUEST_PREFIX.length + 4)}`;
}

export function parseUserList(value: string | undefined): Set<string> {
  return new Set(
    (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}
