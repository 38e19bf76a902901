// Client → server: the JSON data of each user event (PROTOCOL.md §2) as a schema, and its type.
// The server parses with these; the web client imports only the types (zod stays out of its bundle).
import { z } from 'zod';

import type { UserEventName } from './events';
import {
  MAX_HISTORY_PAGE,
  MAX_TEXT,
  MAX_USER_ID,
  MESSAGE_ID,
  REACTIONS,
  ROOM_NAME,
} from './limits';

export const roomName = z.string().regex(ROOM_NAME, 'a room name is 1–64 letters, digits, _ or -');
export const userId = z.string().min(1).max(MAX_USER_ID);
const messageId = z.string().regex(MESSAGE_ID, 'an id is 1–64 letters, digits, _ . : or -');
const sequence = z.number().int().nonnegative();
const targetSeq = z.number().int().positive();
const text = z.string().min(1).max(MAX_TEXT);

/**
 * A conversation: a room by name, or the direct-message conversation with another user (by the
 * other member's id; your own id is the conversation with yourself). Each event that works on a
 * conversation has one schema per kind, so a type narrows with `'room' in e`.
 */
function inConversation<T extends z.ZodRawShape>(shape: T) {
  return z.union([
    z.strictObject({ room: roomName, ...shape }),
    z.strictObject({ user: userId, ...shape }),
  ]);
}
const hasBody = (m: { text?: string; data?: unknown }) =>
  m.text !== undefined || m.data !== undefined;

/** The announcements conversation (`to: { all: true }` messages): every signed-in user reads it. */
const announcements = { all: z.literal(true) };
export const joinSchema = z.union([
  inConversation({ since: sequence.optional() }),
  z.strictObject({ ...announcements, since: sequence.optional() }),
]);
export const leaveSchema = z.strictObject({ room: roomName });
const page = {
  since: sequence.optional(),
  /** Page backwards: the newest `limit` entries with seq < `before`. Not with `since`. */
  before: targetSeq.optional(),
  limit: z.number().int().min(1).max(MAX_HISTORY_PAGE).optional(),
};
const oneDirection = (e: { since?: number; before?: number }) =>
  e.since === undefined || e.before === undefined;
/** A room's history: the `history` event for a room, and the room messages API. */
export const roomHistorySchema = z
  .strictObject({ room: roomName, ...page })
  .refine(oneDirection, 'give since or before, not both');
export const historySchema = z
  .union([
    z.strictObject({ room: roomName, ...page }),
    z.strictObject({ user: userId, ...page }),
    z.strictObject({ ...announcements, ...page }),
  ])
  .refine(oneDirection, 'give since or before, not both');
export const messageSchema = z
  .strictObject({
    id: messageId.optional(),
    to: z.union([
      z.strictObject({ room: roomName }),
      z.strictObject({ user: userId }),
      z.strictObject({ all: z.literal(true) }),
    ]),
    text: text.optional(),
    data: z.json().optional(),
  })
  .refine(hasBody, 'a message needs text or data');
/** Replace the body of your own message `target` (its seq). */
export const editSchema = inConversation({
  id: messageId.optional(),
  target: targetSeq,
  text: text.optional(),
  data: z.json().optional(),
}).refine(hasBody, 'an edit needs text or data');
/** Delete message `target`: your own, or any as an admin. */
export const deleteSchema = inConversation({ id: messageId.optional(), target: targetSeq });
/** Add (`on: true`) or remove your reaction to message `target`. */
export const reactSchema = inConversation({
  id: messageId.optional(),
  target: targetSeq,
  reaction: z.enum(REACTIONS),
  on: z.boolean(),
});
/** You have read the conversation up to `seq`: read positions only move forward. */
export const readSchema = z.union([
  inConversation({ seq: sequence }),
  z.strictObject({ ...announcements, seq: sequence }),
]);
export const roomsSchema = z.strictObject({});

export type JoinEnvelope = z.infer<typeof joinSchema>;
export type LeaveEnvelope = z.infer<typeof leaveSchema>;
export type RoomHistoryEnvelope = z.infer<typeof roomHistorySchema>;
export type HistoryEnvelope = z.infer<typeof historySchema>;
export type MessageEnvelope = z.infer<typeof messageSchema>;
export type EditEnvelope = z.infer<typeof editSchema>;
export type DeleteEnvelope = z.infer<typeof deleteSchema>;
export type ReactEnvelope = z.infer<typeof reactSchema>;
export type ReadEnvelope = z.infer<typeof readSchema>;
export type RoomsEnvelope = z.infer<typeof roomsSchema>;
/** A conversation as events name it. */
export type ConversationRef = { room: string } | { user: string };
/** The announcements conversation as `join`, `history` and `read` name it. */
export type AnnouncementsRef = { all: true };

/** The data a client sends with each user event. */
export interface ClientEnvelopes {
  join: JoinEnvelope;
  leave: LeaveEnvelope;
  message: MessageEnvelope;
  history: HistoryEnvelope;
  edit: EditEnvelope;
  delete: DeleteEnvelope;
  react: ReactEnvelope;
  read: ReadEnvelope;
  rooms: RoomsEnvelope;
}
export type ClientEnvelope<E extends UserEventName> = ClientEnvelopes[E];

/** Each user event's schema, by event name. */
export const ENVELOPE_SCHEMAS: { [E in UserEventName]: z.ZodType<ClientEnvelopes[E]> } = {
  join: joinSchema,
  leave: leaveSchema,
  message: messageSchema,
  history: historySchema,
  edit: editSchema,
  delete: deleteSchema,
  react: reactSchema,
  read: readSchema,
  rooms: roomsSchema,
};
