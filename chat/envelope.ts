// The client → server envelope: one JSON object per user event (`join`, `leave`, `history`,
// `message`), validated with a schema and bounded in size. PROTOCOL.md documents it.
import { z } from 'zod';

import type { ChatError } from './errors';
import { chatError } from './errors';
import { ROOM_NAME } from './rooms';

/** Largest envelope accepted (bytes of the event's data). */
export const MAX_ENVELOPE_BYTES = 4096;
export const MAX_TEXT_LENGTH = 2000;
export const MAX_HISTORY_PAGE = 200;

const room = z.string().regex(ROOM_NAME, 'a room name is 1–64 letters, digits, _ or -');
const userId = z.string().min(1).max(128);
/** A client's own message id: lets a resend be recognised and stored once. */
const clientMessageId = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'an id is 1–64 letters, digits, _ . : or -');
const sequence = z.number().int().nonnegative();

export const joinSchema = z.strictObject({ room, since: sequence.optional() });
export const leaveSchema = z.strictObject({ room });
export const historySchema = z.strictObject({
  room,
  since: sequence.optional(),
  limit: z.number().int().min(1).max(MAX_HISTORY_PAGE).optional(),
});
export const messageSchema = z
  .strictObject({
    id: clientMessageId.optional(),
    to: z.union([
      z.strictObject({ room }),
      z.strictObject({ user: userId }),
      z.strictObject({ all: z.literal(true) }),
    ]),
    text: z.string().min(1).max(MAX_TEXT_LENGTH).optional(),
    data: z.json().optional(),
  })
  .refine((m) => m.text !== undefined || m.data !== undefined, 'a message needs text or data');

export type JoinEnvelope = z.infer<typeof joinSchema>;
export type LeaveEnvelope = z.infer<typeof leaveSchema>;
export type HistoryEnvelope = z.infer<typeof historySchema>;
export type MessageEnvelope = z.infer<typeof messageSchema>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ChatError };

/** Parses an event's data (a JSON string) against its schema; never throws. */
export function parseEnvelope<T>(schema: z.ZodType<T>, data: string): Parsed<T> {
  if (Buffer.byteLength(data) > MAX_ENVELOPE_BYTES) {
    return {
      ok: false,
      error: chatError('TooLarge', `An event's data may be at most ${MAX_ENVELOPE_BYTES} bytes.`),
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, error: chatError('InvalidEnvelope', 'The event data is not JSON.') };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return {
    ok: false,
    error: chatError('InvalidEnvelope', `${where}${issue?.message ?? 'invalid envelope'}`),
  };
}
