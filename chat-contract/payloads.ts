// Server → client: every reply and server message of PROTOCOL.md §2–§3 as a schema and its type.
// The server builds these types (a change of shape is a type error there, in the web client and in
// the tests); tests parse what arrives with the schemas. The web client imports only the types.
import { z } from 'zod';

import { ERROR_CODES } from './errors';
import type { UserEventName } from './events';
import { REACTIONS } from './limits';
import type { ReadPayload, RoomsReply } from './read-state-payloads';
import { readPayloadSchema, roomsReplySchema } from './read-state-payloads';

export const userRefSchema = z.strictObject({ userId: z.string(), name: z.string() });
export const memberSchema = z.strictObject({
  userId: z.string(),
  name: z.string(),
  /** How many of the user's connections are in the room (two tabs = one member). */
  connections: z.number().int().positive(),
});

const seq = z.number().int().positive();
/** A direct-message conversation's entries carry the recipient; with `from`, that is the pair. */
const dmTo = z.strictObject({ user: z.string() });

/**
 * What edits, deletes and reactions made of a stored message, folded in: history pages carry
 * messages as they are now. `version` is the seq of the newest change folded in: a client applies
 * a `change` to a message only when the change's seq is greater (it is already in otherwise).
 */
const messageState = {
  version: seq.optional(),
  /** ISO time of the newest edit. */
  edited: z.string().optional(),
  /** Deleted: `body` is null and reactions are gone. */
  deleted: z.literal(true).optional(),
  /** Who reacted with what (user ids, in the order they reacted). */
  reactions: z.partialRecord(z.enum(REACTIONS), z.array(z.string())).optional(),
};
const messageFields = {
  /** Server message id (the client's id when it sent one). */
  id: z.string(),
  /** Per-conversation sequence number: 1, 2, 3, … with no gaps. */
  seq,
  from: userRefSchema,
  /** `text` alone, `data` alone, or `{ text, data }`; null once deleted. */
  body: z.unknown(),
  /** ISO time the server accepted it. */
  ts: z.string(),
};

/** A room message as history keeps it: in `joined` and `history` replies. */
export const historyMessageSchema = z.strictObject({
  room: z.string(),
  ...messageFields,
  ...messageState,
});
/** A direct message as history keeps it: in the `joined` and `history` replies of a DM. */
export const directHistoryMessageSchema = z.strictObject({
  to: dmTo,
  ...messageFields,
  ...messageState,
});
const allTo = z.strictObject({ all: z.literal(true) });
/** An announcement as history keeps it: in the announcements conversation's pages. */
export const announcementHistoryMessageSchema = z.strictObject({
  to: allTo,
  ...messageFields,
  ...messageState,
});
export const roomMessageSchema = historyMessageSchema.extend({ type: z.literal('message') });
export const directMessageSchema = z.strictObject({
  type: z.literal('message'),
  id: z.string(),
  /** The DM's or the announcements conversation's seq (absent only from older servers). */
  seq: seq.optional(),
  from: userRefSchema,
  to: z.union([dmTo, z.strictObject({ all: z.literal(true) })]),
  body: z.unknown(),
  ts: z.string(),
});

/**
 * A change to message `target` (its seq), stored with the conversation's next seq like a message:
 * in history pages (`changes`) and live (a `change` payload). Applying the same change twice, or
 * one older than the message's `version`, changes nothing.
 */
const changeFields = {
  /** The change's own id (the client's id when it sent one): a resend is stored once. */
  id: z.string(),
  seq,
  /** The seq of the message changed. */
  target: seq,
  /** Who made the change. */
  from: userRefSchema,
  ts: z.string(),
};
const editFields = { kind: z.literal('edit'), body: z.unknown() };
const deleteFields = { kind: z.literal('delete') };
const reactionFields = {
  kind: z.literal('reaction'),
  reaction: z.enum(REACTIONS),
  /** Added (true) or removed. */
  on: z.boolean(),
};
const inRoom = { room: z.string(), ...changeFields };
const inDm = { to: dmTo, ...changeFields };
const changeShapes = [
  { ...inRoom, ...editFields },
  { ...inRoom, ...deleteFields },
  { ...inRoom, ...reactionFields },
  { ...inDm, ...editFields },
  { ...inDm, ...deleteFields },
  { ...inDm, ...reactionFields },
] as const;
export const historyChangeSchema = z.union([
  z.strictObject(changeShapes[0]),
  z.strictObject(changeShapes[1]),
  z.strictObject(changeShapes[2]),
  z.strictObject(changeShapes[3]),
  z.strictObject(changeShapes[4]),
  z.strictObject(changeShapes[5]),
]);
const change = { type: z.literal('change') };
export const changePayloadSchema = z.union([
  z.strictObject({ ...change, ...changeShapes[0] }),
  z.strictObject({ ...change, ...changeShapes[1] }),
  z.strictObject({ ...change, ...changeShapes[2] }),
  z.strictObject({ ...change, ...changeShapes[3] }),
  z.strictObject({ ...change, ...changeShapes[4] }),
  z.strictObject({ ...change, ...changeShapes[5] }),
]);

const pageFields = {
  /** The conversation's latest sequence number (0 when empty). */
  latestSeq: z.number().int().nonnegative(),
  /** More entries follow the last one in the page. */
  hasMore: z.boolean(),
  /** Entries precede the first one in the page: ask `history` with `before`. */
  hasOlder: z.boolean(),
  /**
   * The changes in the page's seq range, oldest first. Messages and changes together cover the
   * range with no gap: a client's last seen seq is the greatest of both.
   */
  changes: z.array(historyChangeSchema),
};
const roomPage = { room: z.string(), messages: z.array(historyMessageSchema), ...pageFields };
/** A DM page: `user` is the other member (from the asker's side). */
const dmPage = { user: z.string(), messages: z.array(directHistoryMessageSchema), ...pageFields };
const joinedFields = {
  /** Your read position in the conversation (0: nothing read yet). */
  readSeq: z.number().int().nonnegative(),
  /** The group typing frames go through (PROTOCOL.md §7): you may send to it, with noEcho. */
  typingGroup: z.string(),
};
export const joinedSchema = z.strictObject({
  type: z.literal('joined'),
  members: z.array(memberSchema),
  ...roomPage,
  ...joinedFields,
});
/** The reply to `join` with `user`: a DM conversation opened (no presence changes). */
export const dmJoinedSchema = z.strictObject({
  type: z.literal('dm_joined'),
  ...dmPage,
  ...joinedFields,
  /** The other member's read position: what "read by" shows. */
  otherReadSeq: z.number().int().nonnegative(),
});
const announcementsPage = { messages: z.array(announcementHistoryMessageSchema), ...pageFields };
/** The reply to `join` with `all`: the announcements conversation opened (no typing group). */
export const announcementsJoinedSchema = z.strictObject({
  type: z.literal('announcements_joined'),
  ...announcementsPage,
  readSeq: joinedFields.readSeq,
});
export const announcementsHistorySchema = z.strictObject({
  type: z.literal('announcements_history'),
  ...announcementsPage,
});
export const historyReplySchema = z.strictObject({ type: z.literal('history'), ...roomPage });
export const dmHistoryReplySchema = z.strictObject({ type: z.literal('dm_history'), ...dmPage });
export const leftSchema = z.strictObject({ type: z.literal('left'), room: z.string() });
export const ackSchema = z.strictObject({
  type: z.literal('ack'),
  id: z.string(),
  room: z.string().optional(),
  /** The DM conversation (the other member), for a direct message, edit, delete or reaction. */
  user: z.string().optional(),
  /** An announcement (`to: { all: true }`). */
  all: z.literal(true).optional(),
  seq: seq.optional(),
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
  dmJoinedSchema,
  historyReplySchema,
  dmHistoryReplySchema,
  announcementsJoinedSchema,
  announcementsHistorySchema,
  leftSchema,
  ackSchema,
  errorReplySchema,
  memberEventSchema,
  notificationPayloadSchema,
  changePayloadSchema,
  readPayloadSchema,
  roomsReplySchema,
]);

export type { ReadPayload, RoomsReply } from './read-state-payloads';
export { readPayloadSchema, roomsReplySchema } from './read-state-payloads';
export type UserRef = z.infer<typeof userRefSchema>;
export type Member = z.infer<typeof memberSchema>;
export type HistoryMessage = z.infer<typeof historyMessageSchema>;
export type DirectHistoryMessage = z.infer<typeof directHistoryMessageSchema>;
export type AnnouncementHistoryMessage = z.infer<typeof announcementHistoryMessageSchema>;
export type RoomMessage = z.infer<typeof roomMessageSchema>;
export type DirectMessage = z.infer<typeof directMessageSchema>;
export type HistoryChange = z.infer<typeof historyChangeSchema>;
export type ChangePayload = z.infer<typeof changePayloadSchema>;
export type ChangeKind = HistoryChange['kind'];
export type JoinedReply = z.infer<typeof joinedSchema>;
export type DmJoinedReply = z.infer<typeof dmJoinedSchema>;
export type HistoryReply = z.infer<typeof historyReplySchema>;
export type DmHistoryReply = z.infer<typeof dmHistoryReplySchema>;
export type AnnouncementsJoinedReply = z.infer<typeof announcementsJoinedSchema>;
export type AnnouncementsHistoryReply = z.infer<typeof announcementsHistorySchema>;
export type LeftReply = z.infer<typeof leftSchema>;
export type AckReply = z.infer<typeof ackSchema>;
export type ErrorReply = z.infer<typeof errorReplySchema>;
export type MemberEvent = z.infer<typeof memberEventSchema>;
export type NotificationPayload = z.infer<typeof notificationPayloadSchema>;
export type ServerPayload = z.infer<typeof serverPayloadSchema>;
export type ServerPayloadType = ServerPayload['type'];

/** What the sender of event `E` gets back when it succeeds (an `ErrorReply` when it does not). */
export interface Replies {
  join: JoinedReply | DmJoinedReply | AnnouncementsJoinedReply;
  leave: LeftReply;
  message: AckReply;
  history: HistoryReply | DmHistoryReply | AnnouncementsHistoryReply;
  edit: AckReply;
  delete: AckReply;
  react: AckReply;
  read: ReadPayload;
  rooms: RoomsReply;
}
export type Reply<E extends UserEventName> = Replies[E];
