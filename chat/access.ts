// Who may do what, checked before any chat operation: every user event takes a rate token, and a
// room is read or written only by its members (admins exempt). A DM needs no check: it is always
// the caller's own conversation with the user named.
import type { ConversationRef } from '../chat-contract/envelopes';
import type { UserRef } from '../chat-contract/payloads';
import type { Conversation } from './conversations';
import { conversationOf } from './conversations';
import { chatError } from './errors';
import type { PresenceStore } from './presence/types';
import type { RateLimiter } from './rate-limit';

export interface Caller extends UserRef {
  connectionId: string;
  admin: boolean;
  /** The CloudEvent id (`ce-id`) of the event being answered: the same on each of its retries. */
  eventId?: string;
}

export class Access {
  constructor(
    private readonly presence: PresenceStore,
    private readonly limiter: RateLimiter,
  ) {}

  /** Every user event takes a token from its connection's bucket (PROTOCOL.md §2). */
  admit(caller: Caller): void {
    if (!this.limiter.take(caller.connectionId)) {
      throw chatError('RateLimited', 'Too many events: slow down.');
    }
  }

  /**
   * Posting to a room and reading or changing its history need membership: this connection joined
   * the room, or another of the user's connections did (a second tab). Admins are exempt.
   */
  async requireMember(caller: Caller, room: string): Promise<void> {
    if (caller.admin) return;
    const connection = await this.presence.connection(caller.connectionId);
    if (connection?.rooms.includes(room)) return;
    const members = await this.presence.members(room);
    if (members.some((m) => m.userId === caller.userId)) return;
    throw chatError('Forbidden', `Join the room ${room} first.`);
  }

  /** The conversation `ref` names, once the caller may read and write it. */
  async open(caller: Caller, ref: ConversationRef): Promise<Conversation> {
    const c = conversationOf(caller.userId, ref);
    if (c.kind === 'room') await this.requireMember(caller, c.room);
    return c;
  }
}
