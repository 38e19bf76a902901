// Read state: per user and conversation, the greatest seq the user has read. It only moves
// forward, so two devices reporting out of order never move it back. A conversation a user has a
// row for is one they take part in: rooms they joined, DMs they wrote or received. A room stays the
// user's (a member, on every device) from its `join` until an explicit `leave`, which keeps the
// position but marks the row left; a disconnect changes nothing, and joining again clears the mark.
import type { AnnouncementsRef, ConversationRef } from '../../chat-contract/envelopes';

/** A conversation a position is kept for: a room, a DM, or the announcements. */
export type PositionRef = ConversationRef | AnnouncementsRef;

export interface ReadPosition {
  /** The conversation as events name it: a room, the DM with `user` (the other member), or all. */
  conversation: PositionRef;
  /** The store's key of the conversation (`conversationKey`). */
  key: string;
  readSeq: number;
  /** Left explicitly (a room): the position is kept, but the room is no longer the user's. */
  left: boolean;
}

/** Whether the conversation is still the user's: joined (or written) and not left since. */
export function isMember(position: ReadPosition): boolean {
  return !position.left;
}

export interface ReadStateStore {
  /** Moves the position to `seq` when that is further; answers the position as it is now. */
  markRead(userId: string, conversation: PositionRef, key: string, seq: number): Promise<number>;
  /** The user's position, 0 when none. */
  get(userId: string, key: string): Promise<number>;
  /**
   * Makes the conversation the user's: a position at 0 when there is none, the left mark cleared
   * when it was left; the position is never moved.
   */
  track(userId: string, conversation: ConversationRef, key: string): Promise<void>;
  /** Marks the conversation left when the user has a position in it; nothing otherwise. */
  leave(userId: string, key: string): Promise<void>;
  /** The user's conversations and positions. */
  list(userId: string): Promise<ReadPosition[]>;
}
