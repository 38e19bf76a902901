// The user events a client sends (PROTOCOL.md §2), by name. Each has an envelope schema
// (envelopes.ts) and a reply (payloads.ts).

export const USER_EVENTS = ['join', 'leave', 'message', 'history'] as const;
export type UserEventName = (typeof USER_EVENTS)[number];
