// Typing indicators (PROTOCOL.md §7): frames clients send each other through a typing group, which
// the service carries without the app (no Function invocation, no storage write per keystroke).
import { z } from 'zod';

/** `stop: true` when the user cleared the composer or sent: hide at once instead of expiring. */
export const typingFrameSchema = z.strictObject({
  type: z.literal('typing'),
  stop: z.literal(true).optional(),
});
export type TypingFrame = z.infer<typeof typingFrameSchema>;
