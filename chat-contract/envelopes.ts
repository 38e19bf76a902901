// Client → server: the JSON data of each user event (PROTOCOL.md §2) as a schema, and its type.
// The server parses with these; the web client imports only the types (zod stays out of its bundle).
import { z } from 'zod';

import type { UserEventName } from './events';
import { MAX_HISTORY_PAGE, MAX_TEXT, MAX_USER_ID, MESSAGE_ID, ROOM_NAME } from './limits';

export const roomName = z.string().regex(ROOM_NAME, 'a room name is 1–64 letters, digits, _ or -');
export const userId = z.string().min(1).max(MAX_USER_ID);
const messageId = z.string().regex(MESSAGE_ID, 'an id is 1–64 letters, digits, _ . : or -');
const sequence = z.number().int().nonnegative();

export const joinSchema = z.strictObject({ room: roomName, since: sequence.optional() });
export const leaveSchema = z.strictObject({ room: roomName });
export const historySchema = z.strictObject({
  room: roomName,
  since: sequence.optional(),
  limit: z.number().int().min(1).max(MAX_HISTORY_PAGE).optional(),
});
export const messageSchema = z
  .strictObject({
    id: messageId.optional(),
    to: z.union([
      z.strictObject({ room: roomName }),
      z.strictObject({ user: userId }),
      z.strictObject({ all: z.literal(true) }),
    ]),
    text: z.string().min(1).max(MAX_TEXT).optional(),
    data: z.json().optional(),
  })
  .refine((m) => m.text !== undefined || m.data !== undefined, 'a message needs text or data');

export type JoinEnvelope = z.infer<typeof joinSchema>;
export type LeaveEnvelope = z.infer<typeof leaveSchema>;
export type HistoryEnvelope = z.infer<typeof historySchema>;
export type MessageEnvelope = z.infer<typeof messageSchema>;

/** The data a client sends with each user event. */
export interface ClientEnvelopes {
  join: JoinEnvelope;
  leave: LeaveEnvelope;
  message: MessageEnvelope;
  history: HistoryEnvelope;
}
export type ClientEnvelope<E extends UserEventName> = ClientEnvelopes[E];

/** Each user event's schema, by event name. */
export const ENVELOPE_SCHEMAS: { [E in UserEventName]: z.ZodType<ClientEnvelopes[E]> } = {
  join: joinSchema,
  leave: leaveSchema,
  message: messageSchema,
  history: historySchema,
};
