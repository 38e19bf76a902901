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

/** The reactions a message can get (PROTOCOL.md §2 `react`): names, so clients pick the glyph. */
export const REACTIONS = ['like', 'love', 'laugh', 'wow', 'sad', 'celebrate'] as const;
export type ReactionName = (typeof REACTIONS)[number];
/** The glyph a client shows for each reaction. */
export const REACTION_GLYPHS: { readonly [R in ReactionName]: string } = {
  like: '👍',
  love: '❤️',
  laugh: '😂',
  wow: '😮',
  sad: '😢',
  celebrate: '🎉',
};

/** Unread counts stop at this many (a client shows `99+`). */
export const MAX_UNREAD = 100;

/**
 * Typing indicators (PROTOCOL.md §7): a client sends a typing frame at most once per `sendEveryMs`
 * while the user types, and shows someone as typing until `expireAfterMs` after their last frame.
 */
export const TYPING = { sendEveryMs: 2000, expireAfterMs: 5000 } as const;
/** The prefix of every typing group: a group message from one of these is a typing frame, or nothing. */
export const TYPING_GROUP_PREFIX = 'typing.';
