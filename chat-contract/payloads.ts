// Server → client: every reply and server message of PROTOCOL.md §2–§3 as a schema and its type.
// The server builds these types (a change of shape is a type error there, in the web client and in
// the tests); tests parse what arrives with the schemas. The web client imports only the types.
import { z } from 'zod';

import { ERROR_CODES } from './errors';
import type { UserEventName } from './events';

export const userRefSchema = z.strictObject({ userId: z.string(), name: z.string() });
export const memberSchema = z.strictObject({
  userId: z.string(),
  name: z.string(),
  /** How many of the user's connections are in the room (two tabs = one member). */
  connections: z.number().int().positive(),
});

/** A room message as history keeps it: in `joined` and `history` replies. */
export const historyMessageSchema = z.strictObject({
  /** Server message id (the client's id when it sent one). */
  id: z.string(),
  room: z.string(),
  /** Per-room sequence number: 1, 2, 3, … with no gaps. */
  seq: z.number().int().positive(),
  from: userRefSchema,
  /** `text` alone, `data` alone, or `{ text, data }`. */
  body: z.unknown(),
  /** ISO time the server accepted it. */
  ts: z.string(),
});
export const roomMessageSchema = historyMessageSchema.extend({ type: z.literal('message') });
export const directMessageSchema = z.strictObject({
  type: z.literal('message'),
  id: z.string(),
  from: userRefSchema,
  to: z.union([z.strictObject({ user: z.string() }), z.strictObject({ all: z.literal(true) })]),
  body: z.unknown(),
  ts: z.string(),
});

const historyPage = {
  room: z.string(),
  messages: z.array(historyMessageSchema),
  /** The room's latest sequence number (0 for an empty room). */
  latestSeq: z.number().int().nonnegative(),
  /** More messages follow the last one in `messages`. */
  hasMore: z.boolean(),
};
export const joinedSchema = z.strictObject({
  type: z.literal('joined'),
  members: z.array(memberSchema),
  ...historyPage,
});
export const historyReplySchema = z.strictObject({ type: z.literal('history'), ...historyPage });
export const leftSchema = z.strictObject({ type: z.literal('left'), room: z.string() });
export const ackSchema = z.strictObject({
  type: z.literal('ack'),
  id: z.string(),
  room: z.string().optional(),
  seq: z.number().int().positive().optional(),
  duplicate: z.boolean().optional(),
});
export const errorReplySchema = z.strictObject({
  type: z.literal('error'),
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** The client's message id, when the refused event had one. */
  id: z.string().optional(),
});
export const memberEventSchema = z.strictObject({
  type: z.enum(['member_added', 'member_removed']),
  room: z.string(),
  user: userRefSchema,
});
export const NOTIFICATION_LEVELS = ['info', 'success', 'warning', 'error'] as const;
export const notificationPayloadSchema = z.strictObject({
  type: z.literal('notification'),
  title: z.string(),
  body: z.string().optional(),
  level: z.enum(NOTIFICATION_LEVELS),
  room: z.string().optional(),
});

export const serverPayloadSchema = z.union([
  roomMessageSchema,
  directMessageSchema,
  joinedSchema,
  historyReplySchema,
  leftSchema,
  ackSchema,
  errorReplySchema,
  memberEventSchema,
  notificationPayloadSchema,
]);

export type UserRef = z.infer<typeof userRefSchema>;
export type Member = z.infer<typeof memberSchema>;
export type HistoryMessage = z.infer<typeof historyMessageSchema>;
export type RoomMessage = z.infer<typeof roomMessageSchema>;
export type DirectMessage = z.infer<typeof directMessageSchema>;
export type JoinedReply = z.infer<typeof joinedSchema>;
export type HistoryReply = z.infer<typeof historyReplySchema>;
export type LeftReply = z.infer<typeof leftSchema>;
export type AckReply = z.infer<typeof ackSchema>;
export type ErrorReply = z.infer<typeof errorReplySchema>;
export type MemberEvent = z.infer<typeof memberEventSchema>;
export type NotificationPayload = z.infer<typeof notificationPayloadSchema>;
export type ServerPayload = z.infer<typeof serverPayloadSchema>;
export type ServerPayloadType = ServerPayload['type'];

/** What the sender of event `E` gets back when it succeeds (an `ErrorReply` when it does not). */
export interface Replies {
  join: JoinedReply;
  leave: LeftReply;
  message: AckReply;
  history: HistoryReply;
}
export type Reply<E extends UserEventName> = Replies[E];
