// What other backends exchange with the chat (PROTOCOL.md §5–§6): the publish API's body, the
// `notifications` queue's messages, the `occupancy` queue's events, and the room messages query.
import { z } from 'zod';

import { roomName } from './envelopes';
import { MAX_TEXT, MAX_USER_ID } from './limits';
import { NOTIFICATION_LEVELS } from './payloads';

/**
 * A group, user or connection name as the service takes it in a REST path: 1–1024 characters, not
 * only white space, and not `.` or `..`, which a path normalises away (`/users/../:send` would be
 * `/:send`: everyone).
 */
export const serviceName = z
  .string()
  .min(1)
  .max(1024)
  .refine((name) => isServiceName(name), 'not a name the service can address: "." or ".."');

/** The rule of `serviceName`, as a plain check. */
export function isServiceName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 1024 &&
    name.trim().length > 0 &&
    name !== '.' &&
    name !== '..'
  );
}
/** Any JSON but `null`: the service client sends JSON values, and `null` tells no one anything. */
const jsonValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.json()),
  z.record(z.string(), z.json()),
]);

type JsonValue = z.infer<typeof jsonValue>;
export type PublishMessage = { kind: 'text'; text: string } | { kind: 'json'; json: JsonValue };

/** `POST /api/publish`. */
export const publishSchema = z
  .strictObject({
    to: z.union([
      z.strictObject({ all: z.literal(true) }),
      z.strictObject({ group: serviceName }),
      z.strictObject({ user: serviceName }),
      z.strictObject({ connection: serviceName }),
    ]),
    data: jsonValue,
    dataType: z.enum(['json', 'text']).default('json'),
    excluded: z.array(z.string().min(1)).max(100).optional(),
    filter: z.string().min(1).max(1024).optional(),
  })
  // One typed message instead of data plus a flag to check: text is a string, JSON is anything else.
  .transform(({ data, dataType, ...rest }, ctx) => {
    const message = (m: PublishMessage) => ({ ...rest, message: m });
    if (dataType === 'json') return message({ kind: 'json', json: data });
    if (typeof data === 'string') return message({ kind: 'text', text: data });
    ctx.addIssue({
      code: 'custom',
      message: 'dataType "text" needs a string data',
      path: ['data'],
    });
    return z.NEVER;
  });
/** The body once parsed: the message is text or JSON. */
export type PublishRequest = z.output<typeof publishSchema>;

/** A message on the `notifications` queue. */
export const notificationMessageSchema = z.strictObject({
  to: z.union([
    z.strictObject({ user: z.string().min(1).max(MAX_USER_ID) }),
    z.strictObject({ room: roomName }),
    z.strictObject({ all: z.literal(true) }),
  ]),
  title: z.string().min(1).max(200),
  body: z.string().max(MAX_TEXT).optional(),
  level: z.enum(NOTIFICATION_LEVELS).default('info'),
});

/** An event on the `occupancy` queue (Pusher-style occupancy webhooks). */
export const occupancyEventSchema = z.strictObject({
  name: z.enum(['room_occupied', 'room_vacated']),
  room: roomName,
  ts: z.iso.datetime(),
});
export type OccupancyEvent = z.infer<typeof occupancyEventSchema>;
