// Notifications any backend drops on the queue, pushed to a user, a room or everyone.
import { describeSchemaError } from '../chat-contract/schema-errors';
import { notificationMessageSchema } from '../chat-contract/server-api';
import type { Delivery } from './effects';
import { notification } from './payloads';
import { roomGroup, userGroup } from './rooms';

/** The delivery for a queue message; throws on a bad one so it is retried, then kept in the poison queue. */
export function notificationDelivery(message: unknown): Delivery {
  const result = notificationMessageSchema.safeParse(message);
  if (!result.success) {
    throw new Error(`Invalid notification: ${describeSchemaError(result.error)}`);
  }
  const { to, ...rest } = result.data;
  const payload = notification({ ...rest, ...('room' in to ? { room: to.room } : {}) });
  if ('user' in to) return { to: { group: userGroup(to.user) }, payload };
  if ('room' in to) return { to: { group: roomGroup(to.room) }, payload };
  return { to: { all: true }, payload };
}
