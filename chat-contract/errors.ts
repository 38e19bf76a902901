// The stable error codes clients and callers see: in a user event's `error` reply and in the HTTP
// APIs' `{ "error": { "code", "message" } }`.

export const ERROR_CODES = [
  // User events (PROTOCOL.md §2) and connect refusals (§1).
  'Unauthenticated',
  'GuestsDisabled',
  'Banned',
  'InvalidEnvelope',
  'TooLarge',
  'Forbidden',
  'RateLimited',
  // edit, delete, react: `target` is no message of the conversation / the message was deleted.
  'NoSuchMessage',
  'Gone',
  // Any event or API: storage or the service failed; try again (a resend with its id is safe).
  'Unavailable',
  // HTTP APIs (§5).
  'InvalidRequest',
  'InvalidJson',
  'InvalidRoom',
  'InvalidName',
  'NotFound',
  'ServiceRejected',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
