// The id of a message sent without one: derived from what the service keeps across the retries of
// one event (the connection and the CloudEvent id), so a retried event is idempotent too.
import { createHash, randomUUID } from 'node:crypto';

/**
 * `e:` and 32 base64url characters of SHA-256 over the connection id and the event id; within the
 * contract's message id pattern. A random id only when the event id is unknown.
 */
export function eventMessageId(connectionId: string, eventId: string | undefined): string {
  if (!eventId) return randomUUID();
  const hash = createHash('sha256').update(JSON.stringify([connectionId, eventId]));
  return `e:${hash.digest('base64url').slice(0, 32)}`;
}
