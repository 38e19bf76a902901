// The user events a client sends (PROTOCOL.md §2), by name. Each has an envelope schema
// (envelopes.ts) and a reply (payloads.ts).

export const USER_EVENTS = [
  'join',
  'leave',
  'message',
  'history',
  'edit',
  'delete',
  'react',
  'read',
  'rooms',
] as const;
export type UserEventName = (typeof USER_EVENTS)[number];

/**
 * The events whose reply is what the client waits for: call them with the SDK's `invokeEvent`
 * (client 1.1.0), which resolves with the reply (PROTOCOL.md §2). The others may use either.
 */
export const INVOKED_EVENTS: readonly UserEventName[] = ['join', 'history', 'rooms'];
