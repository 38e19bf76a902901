// Notifications any backend drops on the queue, pushed to a user, a room or everyone.
import { z } from 'zod';

import type { Delivery } from './effects';
import { notification } from './payloads';
import { ROOM_NAME, roomGroup, userGroup } from './rooms';

export const notificationSchema = z.strictObject({
  to: z.union([
    z.strictObject({ user: z.string().min(1).max(128) }),
    z.strictObject({ room: z.string().regex(ROOM_NAME) }),
    z.strictObject({ all: z.literal(true) }),
  ]),
  title: z.string().min(1).max(200),
  body: z.string().max(2000).optional(),
  level: z.enum(['info', 'success', 'warning', 'error']).default('info'),
});

/** The delivery for a queue message; throws on a bad one so it is retried, then kept in the poison queue. */
export function notificationDelivery(message: unknown): Delivery {
  const result = notificationSchema.safeParse(message);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(
      `Invalid notification: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    );
  }
  const { to, ...rest } = result.data;
  const payload = notification({ ...rest, ...('room' in to ? { room: to.room } : {}) });
  if ('user' in to) return { to: { group: userGroup(to.user) }, payload };
  if ('room' in to) return { to: { group: roomGroup(to.room) }, payload };
  return { to: { all: true }, payload };
}
