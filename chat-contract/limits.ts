// The chat protocol's limits and name patterns (PROTOCOL.md §2), as the server enforces them and the
// web client checks them before sending. Plain constants: no dependencies, safe in the browser.

/** Largest user event accepted: bytes of the event's JSON data. */
export const MAX_ENVELOPE_BYTES = 4096;
/** Deepest nesting of arrays and objects in a user event's data or an API body. */
export const MAX_JSON_DEPTH = 32;
/** Longest `text` of a message, in characters. */
export const MAX_TEXT = 2000;
/** Most messages one `history` page (or the room messages API) returns. */
export const MAX_HISTORY_PAGE = 200;
/** Messages a `join` reply carries, and a `history` page when no `limit` is given. */
export const DEFAULT_HISTORY_PAGE = 50;
/** Longest user id a message may be addressed to. */
export const MAX_USER_ID = 128;
/** User events (every kind) per second per connection, and the burst a quiet connection may send. */
export const MESSAGE_RATE = { ratePerSecond: 20, burst: 40 } as const;

/** A room name: 1–64 of A–Z a–z 0–9 _ -, starting with a letter or digit. */
export const ROOM_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** A client's own message id: 1–64 of A–Z a–z 0–9 _ . : - (lets a resend be stored once). */
export const MESSAGE_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export function isRoomName(value: string): boolean {
  return ROOM_NAME.test(value);
}
