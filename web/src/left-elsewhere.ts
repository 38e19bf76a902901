// A browser keeps the rooms a user joined, so a reload joins them again; but a room the user left on
// another device meanwhile is no longer theirs (the rooms list says so: PROTOCOL.md §2 `member`),
// and joining it again would undo that leave.
import type { RoomsReply } from '../../chat-contract/payloads';

/**
 * Of the rooms this browser kept, those the user left explicitly on another device: the server
 * knows them (a read position) but they are no longer the user's, and this connection is not in
 * them. Rooms the server does not know (never joined yet) stay.
 */
export function leftElsewhere(reply: RoomsReply, kept: readonly string[]): string[] {
  const left = new Set(
    reply.rooms
      .filter((r) => !r.member && !r.joined && r.latestSeq !== undefined)
      .map((r) => r.room),
  );
  return kept.filter((room) => left.has(room));
}
