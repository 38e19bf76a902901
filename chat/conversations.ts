// Conversations: a room, or the direct-message conversation of a pair of users. Each has a storage
// key (history and read state are kept per key) and a typing group. A DM is always the caller's own
// with the user named, so no one can address another pair's conversation.
import { createHash } from 'node:crypto';

import type { ConversationRef } from '../chat-contract/envelopes';
import { TYPING_GROUP_PREFIX } from '../chat-contract/limits';

export type Conversation =
  | { kind: 'room'; room: string; key: string }
  /** `self`: whose view this is; `other`: the other member (`self` again for notes to oneself). */
  | { kind: 'dm'; self: string; other: string; key: string };

/**
 * The DM key of a pair, the same from both sides. It starts with `@`, which no room name does, so
 * a DM never shares a history partition with a room.
 */
export function dmKey(a: string, b: string): string {
  return `@dm:${JSON.stringify(a < b ? [a, b] : [b, a])}`;
}

/** The conversation `ref` names, seen by `userId`. */
export function conversationOf(userId: string, ref: ConversationRef): Conversation {
  if ('room' in ref) return { kind: 'room', room: ref.room, key: ref.room };
  return { kind: 'dm', self: userId, other: ref.user, key: dmKey(userId, ref.user) };
}

/** The conversation as events name it, from its own member's view. */
export function refOf(c: Conversation): ConversationRef {
  return c.kind === 'room' ? { room: c.room } : { user: c.other };
}

/** The same DM seen by its other member. */
export function otherSide(c: Extract<Conversation, { kind: 'dm' }>): typeof c {
  return { ...c, self: c.other, other: c.self };
}

/**
 * The group typing frames of the conversation go through: `typing.<room>`, or for a DM
 * `typing.dm.<hash of the pair>` (user ids may hold anything; the hash is a safe group name).
 */
export function typingGroup(c: Conversation): string {
  if (c.kind === 'room') return `${TYPING_GROUP_PREFIX}${c.room}`;
  const hash = createHash('sha256').update(c.key).digest('base64url').slice(0, 32);
  return `${TYPING_GROUP_PREFIX}dm.${hash}`;
}
