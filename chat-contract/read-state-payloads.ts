// Server → client: read positions and the rooms list (PROTOCOL.md §2 `read` and `rooms`), apart
// from payloads.ts, which re-exports them so every side keeps one import.
import { z } from 'zod';

/**
 * A read position: the reply to `read`, to the reader's other connections, and in a DM to the
 * other member (`user` is always the other member from the receiver's side).
 */
export const readPayloadSchema = z.union([
  z.strictObject({
    type: z.literal('read'),
    room: z.string(),
    userId: z.string(),
    seq: z.number().int().nonnegative(),
  }),
  z.strictObject({
    type: z.literal('read'),
    user: z.string(),
    userId: z.string(),
    seq: z.number().int().nonnegative(),
  }),
  z.strictObject({
    type: z.literal('read'),
    all: z.literal(true),
    userId: z.string(),
    seq: z.number().int().nonnegative(),
  }),
]);
const unreadFields = {
  latestSeq: z.number().int().nonnegative(),
  readSeq: z.number().int().nonnegative(),
  /** Messages from others after `readSeq`, at most MAX_UNREAD. */
  unread: z.number().int().nonnegative(),
};
export const roomsReplySchema = z.strictObject({
  type: z.literal('rooms'),
  /** You: the id other users address DMs to. */
  userId: z.string(),
  name: z.string(),
  rooms: z.array(
    z.strictObject({
      room: z.string(),
      /** Members now (occupancy). */
      members: z.number().int().nonnegative(),
      /** This connection is in the room now (else `join` it to read or post). */
      joined: z.boolean(),
      /**
       * The room is yours: you joined it (on any device) and have not left it since (an explicit
       * `leave`; disconnects do not count). A client joins these on a new device.
       */
      member: z.boolean(),
      /** Present for rooms you have joined before. */
      latestSeq: unreadFields.latestSeq.optional(),
      readSeq: unreadFields.readSeq.optional(),
      unread: unreadFields.unread.optional(),
    }),
  ),
  dms: z.array(z.strictObject({ user: z.string(), name: z.string(), ...unreadFields })),
  /** The announcements conversation, which every signed-in user reads. */
  announcements: z.strictObject(unreadFields).optional(),
});

export type ReadPayload = z.infer<typeof readPayloadSchema>;
export type RoomsReply = z.infer<typeof roomsReplySchema>;
